package org.bricknet.optim.training;

import java.util.Locale;
import org.bricknet.core.Checks;

/**
 * The learning rate of each epoch, set by the {@link Trainer} on its optimizer before the epoch
 * starts ({@link Trainer#schedule}). A schedule is a function of the epoch (from 1), the rate the
 * optimizer had when training began, and the history of the epochs before: so a run resumed from a
 * checkpoint gets exactly the rates of an uninterrupted one. The factories follow PyTorch's
 * {@code torch.optim.lr_scheduler}, stepped once per epoch, with {@code e − 1} for PyTorch's epoch
 * counter (which starts at 0):
 *
 * <ul>
 *   <li>{@link #step}: {@code η₀·γ^⌊(e−1)/k⌋} ({@code StepLR});
 *   <li>{@link #exponential}: {@code η₀·γ^(e−1)} ({@code ExponentialLR});
 *   <li>{@link #cosine}: {@code η_min + ½(η₀ − η_min)(1 + cos(π·(e−1)/T))} up to epoch T + 1, then
 *       {@code η_min} ({@code CosineAnnealingLR}, no restarts);
 *   <li>{@link #reduceOnPlateau}: {@code η₀}, times γ whenever a metric has not improved for more
 *       than {@code patience} epochs in a row ({@code ReduceLROnPlateau}: relative threshold 1e-4,
 *       no cooldown), never below {@code η_min}.
 * </ul>
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The rate for epoch {@code epoch} (from 1); {@code before} holds epochs {@code 1 .. epoch − 1}. */
    double rate(int epoch, double initialRate, TrainingHistory before);

    /** The metric it watches, if any: the trainer checks before training that it is measured. */
    default Metric watches() {
        return null;
    }

    /** Multiplies the rate by {@code factor} (in (0, 1]) every {@code everyEpochs} epochs. */
    static LearningRateSchedule step(int everyEpochs, double factor) {
        return step("LearningRateSchedule.step", everyEpochs, factor);
    }

    private static LearningRateSchedule step(String who, int everyEpochs, double factor) {
        Checks.atLeastOne(who, "a step of epochs", everyEpochs);
        requireFactor(who, factor);
        return (epoch, initial, before) -> initial * Math.pow(factor, (epoch - 1) / everyEpochs);
    }

    /** Multiplies the rate by {@code factor} (in (0, 1]) every epoch. */
    static LearningRateSchedule exponential(double factor) {
        return exponential("LearningRateSchedule.exponential", factor);
    }

    private static LearningRateSchedule exponential(String who, double factor) {
        requireFactor(who, factor);
        return (epoch, initial, before) -> initial * Math.pow(factor, epoch - 1);
    }

    /**
     * Half a cosine from the initial rate down to {@code minRate} (&gt;= 0) over {@code epochs}
     * epochs (normally the training's), then {@code minRate}.
     */
    static LearningRateSchedule cosine(int epochs, double minRate) {
        return cosine("LearningRateSchedule.cosine", epochs, minRate);
    }

    private static LearningRateSchedule cosine(String who, int epochs, double minRate) {
        Checks.atLeastOne(who, "a number of epochs", epochs);
        Checks.nonNegative(who, "minimum rate", minRate);
        return (epoch, initial, before) -> epoch - 1 >= epochs
                ? minRate
                : minRate + 0.5 * (initial - minRate) * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
    }

    /**
     * Multiplies the rate by {@code factor} (in (0, 1)) when {@code metric} has not improved, by a
     * relative 1e-4, for more than {@code patience} epochs; never below {@code minRate} (&gt;= 0).
     */
    static LearningRateSchedule reduceOnPlateau(Metric metric, double factor, int patience, double minRate) {
        return ReduceOnPlateau.of("LearningRateSchedule.reduceOnPlateau", metric, factor, patience, minRate);
    }

    /**
     * A schedule written as text, as a command line takes it: {@code step:K:γ}, {@code exp:γ},
     * {@code cosine:T} or {@code cosine:T:η_min}, {@code plateau:METRIC:γ:PATIENCE} (for example
     * {@code plateau:validation-loss:0.5:3}). A text of another form, or with a value the schedule
     * cannot take, is an {@code IllegalArgumentException} whose message starts with
     * {@code schedule 'TEXT':} and says what was expected.
     */
    static LearningRateSchedule parse(String text) {
        String[] p = text.split(":", -1);
        String who = "schedule '" + text + "'";
        try {
            switch (p[0].toLowerCase(Locale.ROOT)) {
                case "step":
                    if (p.length == 3) {
                        return step(who, Integer.parseInt(p[1]), Double.parseDouble(p[2]));
                    }
                    break;
                case "exp":
                    if (p.length == 2) {
                        return exponential(who, Double.parseDouble(p[1]));
                    }
                    break;
                case "cosine":
                    if (p.length == 2 || p.length == 3) {
                        return cosine(who, Integer.parseInt(p[1]), p.length == 3 ? Double.parseDouble(p[2]) : 0);
                    }
                    break;
                case "plateau":
                    if (p.length == 4) {
                        return ReduceOnPlateau.of(
                                who, Metric.parse(p[1]), Double.parseDouble(p[2]), Integer.parseInt(p[3]), 0);
                    }
                    break;
                default:
            }
        } catch (NumberFormatException e) {
            // reported below, with the forms
        }
        throw new IllegalArgumentException(who
                + ": expected step:K:FACTOR, exp:FACTOR, cosine:EPOCHS[:MIN_RATE] or plateau:METRIC:FACTOR:PATIENCE,"
                + " with whole numbers for K, EPOCHS and PATIENCE and numbers for FACTOR and MIN_RATE");
    }

    private static void requireFactor(String who, double factor) {
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException(who + ": expected a factor in (0, 1], got " + factor);
        }
    }
}

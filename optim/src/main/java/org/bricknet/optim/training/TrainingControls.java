package org.bricknet.optim.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.Optimizer;

/**
 * What a {@link Trainer} does around its loop besides stepping: the validation split and its
 * scoring, the learning-rate schedule, the gradient hooks (clipping, watching), and early stopping.
 * The trainer calls it at a few points: {@link #prepare} before training, {@link #beforeEpoch},
 * {@link #afterBackprop} between the divergence check and the step, {@link #stats} and
 * {@link #stop} after each epoch, {@link #finish} at the end.
 */
final class TrainingControls {
    private double validationFraction;
    private Dataset validationSet;
    private LearningRateSchedule schedule;
    private EarlyStopping earlyStopping;
    private final List<GradientHook> hooks = new ArrayList<>();
    private Evaluator validation;
    private double initialRate;

    void validationSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("Trainer: expected a validation fraction in (0, 1), got " + fraction);
        }
        this.validationFraction = fraction;
        this.validationSet = null;
    }

    void validateOn(Dataset set) {
        this.validationSet = Objects.requireNonNull(set, "Trainer: expected a validation set, got null");
        this.validationFraction = 0;
    }

    void schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    void earlyStopping(EarlyStopping stopping) {
        this.earlyStopping = stopping;
    }

    void addHook(GradientHook hook) {
        hooks.add(Objects.requireNonNull(hook, "Trainer: expected a gradient hook, got null"));
    }

    /**
     * Before training: checks that every watched metric will be measured, splits the validation
     * set off the end of {@code data} (Keras's {@code validation_split}: the last fraction, before
     * any shuffling), and returns the examples to train on.
     */
    Dataset prepare(
            Dataset data,
            Network network,
            int evaluationRows,
            boolean hasTestSet,
            boolean scoresTrainingSet,
            Optimizer optimizer,
            TrainingHistory resumed,
            int epochs) {
        Dataset train = data;
        Dataset held = validationSet;
        if (validationFraction > 0) {
            int n = data.size();
            int v = Trainer.validationExamples(n, validationFraction);
            if (v >= n) {
                throw new IllegalArgumentException("Trainer: a validation split of " + validationFraction + " of " + n
                        + " examples leaves none to train on");
            }
            train = data.slice(0, n - v);
            held = data.slice(n - v, n);
        }
        boolean hasValidation = held != null;
        if (earlyStopping != null) {
            requireMeasured("early stopping", earlyStopping.metric(), hasTestSet, hasValidation, scoresTrainingSet);
        }
        if (schedule != null && schedule.watches() != null) {
            requireMeasured("the schedule", schedule.watches(), hasTestSet, hasValidation, scoresTrainingSet);
        }
        validation = hasValidation ? new Evaluator(network, held, evaluationRows) : null;
        initialRate = optimizer.learningRate();
        if (!resumed.isEmpty() && Double.isFinite(resumed.epochs().get(0).learningRate())) {
            initialRate = resumed.epochs().get(0).learningRate();
        }
        if (schedule != null && schedule.watches() == null) {
            for (int e = resumed.size() + 1; e <= epochs; e++) {
                double rate = schedule.rate(e, initialRate, resumed);
                if (!(rate > 0) || Double.isInfinite(rate)) {
                    throw new IllegalArgumentException("Trainer: the schedule gives a learning rate of " + rate
                            + " for epoch " + e + " of " + epochs + "; expected a finite number > 0"
                            + " (give it a minimum rate > 0)");
                }
            }
        }
        return train;
    }

    private static void requireMeasured(
            String who, Metric m, boolean hasTestSet, boolean hasValidation, boolean scoresTrainingSet) {
        String missing = m.needsValidationSet() && !hasValidation
                ? "there is no validation set; give validationSplit(fraction) or validateOn(data)"
                : m.needsTestSet() && !hasTestSet
                        ? "there is no test set; give evaluateOn(data)"
                        : m == Metric.TRAIN_ACCURACY && !scoresTrainingSet
                                ? "the training set is not scored; drop trainAccuracy(false)"
                                : null;
        if (missing != null) {
            throw new IllegalStateException("Trainer: " + who + " watches the " + m + ", but " + missing);
        }
    }

    /** Sets the scheduled rate of {@code epoch} on the optimizer. */
    void beforeEpoch(int epoch, TrainingHistory before, Optimizer optimizer) {
        if (schedule == null) {
            return;
        }
        double rate = schedule.rate(epoch, initialRate, before);
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("Trainer: the schedule gives a learning rate of " + rate + " for epoch "
                    + epoch + "; expected a finite number > 0 (give the schedule a minimum rate > 0)");
        }
        optimizer.setLearningRate(rate);
    }

    void afterBackprop(int epoch, int iteration, Map<String, Parameter> parameters) {
        for (GradientHook h : hooks) {
            h.afterBackprop(epoch, iteration, parameters);
        }
    }

    /** The epoch's record: the trainer's figures, the validation set's, and the learning rate. */
    EpochStats stats(
            int epoch, double meanLoss, double trainAccuracy, Evaluator.Score test, double seconds, double rate) {
        Evaluator.Score v = validation == null ? null : validation.score();
        return new EpochStats(
                epoch,
                meanLoss,
                trainAccuracy,
                test == null ? Double.NaN : test.accuracy(),
                seconds,
                test == null ? Double.NaN : test.loss(),
                v == null ? Double.NaN : v.loss(),
                v == null ? Double.NaN : v.accuracy(),
                rate);
    }

    /** Whether early stopping ends training after the history's last epoch. */
    boolean stop(TrainingHistory history, Network network) {
        return earlyStopping != null && earlyStopping.afterEpoch(history, network);
    }

    /** At the end: early stopping's restore and its message (null when there is nothing to say). */
    String finish(TrainingHistory history, Network network) {
        return earlyStopping == null ? null : earlyStopping.finish(history, network);
    }
}

package org.bricknet.examples.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.EarlyStopping;
import org.bricknet.optim.training.EpochStats;
import org.bricknet.optim.training.GradientClipping;
import org.bricknet.optim.training.LearningRateSchedule;
import org.bricknet.optim.training.Metric;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What {@code train} does around its steps: a validation split ({@code --validation}), a
 * learning-rate schedule ({@code --schedule}), gradient clipping ({@code --clip}) and early
 * stopping ({@code --early-stopping}), each a class of {@code optim.training} given to the
 * {@link Trainer}. Every one is checked before the first epoch (its form and values, the held-out
 * data early stopping and a plateau schedule watch, a rate that reaches 0). A checkpoint records
 * them ({@value #PREFIX}{@code schedule}, ...) as {@link OptimizerOptions} records the optimizer's
 * hyperparameters, and a resumed run takes them from it, refusing options that disagree: it then
 * has the same rates, clips the same steps, holds out the same examples and stops at the same
 * epoch as the run it continues.
 */
public final class TrainingControlOptions {
    /** Metadata keys a checkpoint holds the controls under: {@code control_} + name. */
    static final String PREFIX = "control_";

    @Option(
            names = "--validation",
            paramLabel = "F",
            description = "hold out the last fraction F of the training set (Keras's validation_split) and score it"
                    + " after each epoch, for --early-stopping and plateau schedules to watch")
    Double validation;

    @Option(
            names = "--schedule",
            paramLabel = "TEXT",
            description = "learning rate per epoch, PyTorch's: step:K:FACTOR (times FACTOR every K epochs),"
                    + " exp:FACTOR, cosine:EPOCHS[:MIN_RATE], plateau:METRIC:FACTOR:PATIENCE")
    String schedule;

    @Option(
            names = "--early-stopping",
            paramLabel = "METRIC:P",
            description = "stop when the METRIC (validation-loss, validation-accuracy, test-loss, test-accuracy) has"
                    + " not improved for P epochs, and keep the best epoch's parameters (Keras's)")
    String earlyStopping;

    @Option(
            names = "--clip",
            paramLabel = "TEXT",
            description = "clip the gradients before each step: norm:MAX (all together, PyTorch's clip_grad_norm_)"
                    + " or value:LIMIT (each element, clip_grad_value_)")
    String clip;

    private final Map<String, String> texts = new LinkedHashMap<>();
    private String recordedIn;
    private LearningRateSchedule rates;
    private EarlyStopping stopping;
    private GradientClipping clipping;
    private double fraction;

    /**
     * Reads and checks the options, or when resuming takes the checkpoint's (refusing an option
     * that disagrees with it). {@code epochs} and {@code initialRate} are the run's, for the check
     * that the schedule never gives a rate of 0.
     */
    void resolve(CommandLine cl, Checkpoint resumed, String resumedFrom, int epochs, double initialRate) {
        take("validation", validation == null ? null : Double.toString(validation));
        take("schedule", schedule);
        take("early_stopping", earlyStopping);
        take("clip", clip);
        if (resumed != null) {
            for (String key : List.of("validation", "schedule", "early_stopping", "clip")) {
                String recorded = resumed.extra().get(PREFIX + key);
                String given = texts.get(key);
                if (given != null && !canonical(given).equals(recorded)) {
                    throw new ParameterException(
                            cl,
                            "--" + key.replace('_', '-') + " " + given + " disagrees with the checkpoint in "
                                    + resumedFrom + " ("
                                    + (recorded == null ? "none" : recorded) + "); leave it out when resuming");
                }
                texts.remove(key);
                if (recorded != null) {
                    texts.put(key, recorded);
                }
            }
            recordedIn = resumedFrom;
        }
        String v = texts.get("validation");
        fraction = v == null ? 0 : parse(cl, "--validation", "validation", v, Double::parseDouble);
        if (v != null && !(fraction > 0 && fraction < 1)) {
            throw refusal(cl, "--validation", v, "expected a fraction > 0 and < 1");
        }
        rates = parse(cl, "--schedule", "schedule", texts.get("schedule"), LearningRateSchedule::parse);
        stopping = parse(cl, "--early-stopping", "early stopping", texts.get("early_stopping"), EarlyStopping::parse);
        clipping = parse(cl, "--clip", "clipping", texts.get("clip"), GradientClipping::parse);
        if (stopping != null) {
            Metric m = stopping.metric();
            if (m == Metric.TRAIN_LOSS || m == Metric.TRAIN_ACCURACY) {
                throw new ParameterException(
                        cl,
                        "--early-stopping " + texts.get("early_stopping") + ": early stopping watches held-out data;"
                                + " expected validation-loss, validation-accuracy, test-loss or test-accuracy");
            }
            requireHeldOut(cl, "--early-stopping", texts.get("early_stopping"), m);
        }
        if (rates != null && rates.watches() != null) {
            requireHeldOut(cl, "--schedule", texts.get("schedule"), rates.watches());
        }
        if (rates != null && rates.watches() == null) {
            TrainingHistory before = resumed == null ? new TrainingHistory() : resumed.history();
            for (int e = before.size() + 1; e <= epochs; e++) {
                double r = rates.rate(e, initialRate, before);
                if (!(r > 0) || Double.isInfinite(r)) {
                    String text = texts.get("schedule");
                    throw new ParameterException(
                            cl,
                            "--schedule " + text + " gives a learning rate of " + r + " for epoch " + e + " of "
                                    + epochs
                                    + "; expected a finite rate > 0"
                                    + (text.startsWith("cosine")
                                            ? " (give it a minimum rate, or as many epochs as the run: cosine:" + epochs
                                                    + ")"
                                            : ""));
                }
            }
        }
    }

    private void take(String key, String text) {
        if (text != null) {
            texts.put(key, text.trim());
        }
    }

    private void requireHeldOut(CommandLine cl, String option, String text, Metric m) {
        if ((m == Metric.VALIDATION_LOSS || m == Metric.VALIDATION_ACCURACY) && fraction == 0) {
            throw new ParameterException(
                    cl,
                    option + " " + text + " watches the " + m + ", but no data is held out for validation; add"
                            + " --validation 0.1 (the last tenth of the training set)");
        }
    }

    /**
     * The text in the one form a checkpoint records and resuming compares: names in lower case,
     * whole numbers without a point, the others as Java writes them ({@code 1.0} is {@code 1},
     * {@code 0.50} is {@code 0.5}, {@code 1e-3} is {@code 0.001}).
     */
    static String canonical(String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.trim().split(":", -1)) {
            String part = p.trim();
            try {
                double v = Double.parseDouble(part);
                part = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            } catch (NumberFormatException e) {
                part = part.toLowerCase(Locale.ROOT);
            }
            parts.add(part);
        }
        return String.join(":", parts);
    }

    /**
     * {@code text} read by {@code parser}; a refusal names the option and the text, with the reason
     * the parser gives after its {@code WHAT 'TEXT': } ({@link #refusal}).
     */
    private <T> T parse(
            CommandLine cl, String option, String what, String text, java.util.function.Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw refusal(cl, option, text, "expected a number");
        } catch (IllegalArgumentException e) {
            String prefix = what + " '" + text + "': ";
            String m = e.getMessage();
            throw refusal(cl, option, text, m.startsWith(prefix) ? m.substring(prefix.length()) : m);
        }
    }

    /**
     * Why {@code text} of {@code option} cannot be used: a usage error when the user gave it, a
     * damaged checkpoint when the checkpoint resumed from recorded it.
     */
    private RuntimeException refusal(CommandLine cl, String option, String text, String reason) {
        if (recordedIn != null) {
            return new CliException("the checkpoint in " + recordedIn + " records " + option + " " + text
                    + ", which cannot be used: " + reason);
        }
        return new ParameterException(cl, option + " " + text + ": " + reason);
    }

    /** The examples trained on of a training set of {@code examples}: all but those held out. */
    int trainedOn(int examples) {
        return fraction == 0 ? examples : examples - Trainer.validationExamples(examples, fraction);
    }

    /** The part of {@code train} trained on (what a checkpoint's fingerprint is of). */
    Dataset trainedPart(Dataset train) {
        return fraction == 0 ? train : train.slice(0, trainedOn(train.size()));
    }

    /**
     * After the data is read: refuses a split that leaves nothing to train on, and a resumed run that
     * early stopping had already ended; says what is held out and what controls the run.
     */
    void check(Dataset train, Checkpoint resumed, String resumedFrom, PrintStream out) {
        if (fraction > 0 && trainedOn(train.size()) < 1) {
            throw new CliException(
                    "--validation " + fraction + " of " + train.size() + " training examples leaves none to train on");
        }
        if (resumed != null && stopping != null) {
            int best = stopping.bestEpoch(resumed.history());
            if (resumed.epoch() - best >= stopping.patience()) {
                throw new CliException("the run checkpointed in " + resumedFrom + " stopped early after epoch "
                        + resumed.epoch() + ": its " + stopping.metric() + " had not improved"
                        + (best == 0 ? "" : " on epoch " + best + "'s") + " for " + stopping.patience()
                        + " epochs; there is nothing to continue");
            }
        }
        List<String> said = new ArrayList<>();
        if (fraction > 0) {
            int held = train.size() - trainedOn(train.size());
            said.add("the last " + held + " of " + train.size() + " training examples held out for validation");
        }
        if (rates != null) {
            said.add("learning rate schedule " + texts.get("schedule"));
        }
        if (clipping != null) {
            said.add(clipping.toString());
        }
        if (stopping != null) {
            said.add("early stopping on the " + stopping.metric() + ", patience " + stopping.patience());
        }
        if (!said.isEmpty()) {
            out.println(String.join("; ", said));
        }
    }

    /**
     * The epoch whose parameters the network holds at the end: the best one when early stopping
     * put it back (it can only when that epoch ran after {@code resumed}), else the last.
     */
    EpochStats kept(TrainingHistory h, Checkpoint resumed) {
        int best = stopping == null ? 0 : stopping.bestEpoch(h);
        int after = resumed == null ? 0 : resumed.epoch();
        return best > after ? h.epochs().get(best - 1) : h.last();
    }

    /** What the network is at the end, in words: "after 16 epochs (epoch 11's parameters, kept by early stopping)". */
    String end(TrainingHistory h, Checkpoint resumed) {
        int kept = kept(h, resumed).epoch();
        return "after " + h.size() + " epochs"
                + (kept == h.last().epoch() ? "" : " (epoch " + kept + "'s parameters, kept by early stopping)");
    }

    /** Gives the controls to {@code trainer}. */
    void applyTo(Trainer trainer) {
        if (fraction > 0) {
            trainer.validationSplit(fraction);
        }
        trainer.schedule(rates).earlyStopping(stopping);
        if (clipping != null) {
            trainer.clipGradients(clipping);
        }
    }

    /** {@code metadata} plus the controls, for a checkpoint. */
    Map<String, String> withControls(Map<String, String> metadata) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        texts.forEach((k, v) -> m.put(PREFIX + k, canonical(v)));
        return m;
    }
}

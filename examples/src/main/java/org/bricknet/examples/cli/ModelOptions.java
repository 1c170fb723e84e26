package org.bricknet.examples.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bricknet.examples.cli.ModelSpec.Kind;
import org.bricknet.layers.WeightInit;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Which {@code train} options each model kind and each way of training takes, in one table, and
 * the forms of the model options' values. An option given to a model that does not take it is
 * refused naming the model, never ignored and then written into the model's metadata.
 */
final class ModelOptions {
    private static final Set<Kind> ALL = EnumSet.allOf(Kind.class);

    /** Model options and the kinds that take them. */
    private static final Map<String, Set<Kind>> TAKEN_BY = new LinkedHashMap<>();

    static {
        TAKEN_BY.put("--hidden", ALL);
        TAKEN_BY.put("--activation", EnumSet.of(Kind.MLP));
        TAKEN_BY.put("--init", EnumSet.of(Kind.MLP));
        TAKEN_BY.put("--dropout", EnumSet.of(Kind.MLP));
        TAKEN_BY.put("--batch-norm", EnumSet.of(Kind.MLP));
        TAKEN_BY.put("--weight-decay", EnumSet.of(Kind.MLP));
        TAKEN_BY.put("--loss", EnumSet.of(Kind.TWO_LAYER, Kind.MLP, Kind.CNN, Kind.NIELSEN2));
        TAKEN_BY.put("--lambda", EnumSet.of(Kind.NIELSEN2, Kind.LOGISTIC));
    }

    /**
     * Options that only training by the {@code Trainer} takes: full-batch L-BFGS has no batches,
     * rate, epochs to save or schedule, and no steps to clip or watch.
     */
    private static final List<String> MINI_BATCH_ONLY = List.of(
            "--batch-size",
            "--lr",
            "--checkpoint",
            "--resume",
            "--plot",
            "--history",
            "--plot-gradients",
            "--schedule",
            "--early-stopping",
            "--clip",
            "--validation");

    private static final Pattern SIZES = Pattern.compile("\\s*\\d{1,9}\\s*(,\\s*\\d{1,9}\\s*)*");

    private ModelOptions() {}

    /**
     * The per-model defaults {@code train --help} lists: hidden sizes, epochs, batch (the whole
     * training set: {@link Integer#MAX_VALUE}), optimizer and rate.
     */
    record Defaults(int[] hidden, int epochs, int batch, String optimizer, double lr) {
        static Defaults of(Kind kind) {
            return switch (kind) {
                case TWO_LAYER -> new Defaults(new int[] {50}, 100, 100, "sgd", 0.1);
                case NIELSEN -> new Defaults(new int[] {30}, 30, 10, "sgd", 3.0);
                case MLP -> new Defaults(new int[] {100, 100, 100}, 20, 100, "sgd", 0.1);
                case CNN -> new Defaults(new int[] {100}, 10, 100, "adam", 0.001);
                case NIELSEN2 -> new Defaults(new int[] {30}, 30, 10, "sgd", 0.5);
                case LOGISTIC -> new Defaults(new int[] {25}, 2000, Integer.MAX_VALUE, "sgd", 2.0);
            };
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /** The model options, in the order {@code --help} lists them. */
    static List<String> modelOptions() {
        return List.copyOf(TAKEN_BY.keySet());
    }

    /**
     * Refuses each option given on {@code cl} that {@code kind}, or full-batch training when
     * {@code fullBatch}, does not take; {@code --hidden} takes one size for two-layer and cnn.
     */
    static void requireApplicable(CommandLine cl, Kind kind, boolean fullBatch, int hiddenCount) {
        for (Map.Entry<String, Set<Kind>> e : TAKEN_BY.entrySet()) {
            if (given(cl, e.getKey()) && !e.getValue().contains(kind)) {
                throw new ParameterException(
                        cl,
                        e.getKey() + " does not apply to --model " + kind + "; " + takes(kind) + " (" + e.getKey()
                                + " is for "
                                + String.join(
                                        ", ",
                                        e.getValue().stream()
                                                .map(Kind::toString)
                                                .toList()) + ")");
            }
        }
        if ((kind == Kind.TWO_LAYER || kind == Kind.CNN || kind == Kind.LOGISTIC) && hiddenCount != 1) {
            throw new ParameterException(
                    cl, "--hidden: --model " + kind + " has one hidden layer; give one size, got " + hiddenCount);
        }
        if (fullBatch) {
            requireMiniBatchOptionsAbsent(cl);
        }
    }

    /** Refuses each option on {@code cl} that only mini-batch training takes (full-batch L-BFGS takes none). */
    static void requireMiniBatchOptionsAbsent(CommandLine cl) {
        for (String option : MINI_BATCH_ONLY) {
            if (given(cl, option)) {
                throw new ParameterException(
                        cl,
                        option + " does not apply to --optimizer lbfgs, which trains on the full batch (no "
                                + String.join(", ", MINI_BATCH_ONLY) + ")");
            }
        }
    }

    private static String takes(Kind kind) {
        List<String> taken = new ArrayList<>();
        TAKEN_BY.forEach((option, kinds) -> {
            if (kinds.contains(kind)) {
                taken.add(option);
            }
        });
        return kind + " takes " + String.join(", ", taken);
    }

    static boolean given(CommandLine cl, String option) {
        return cl.getParseResult().hasMatchedOption(option);
    }

    /**
     * Sizes written as whole numbers separated by commas ({@code 100} or {@code 100,100}), each in
     * {@code [1, }{@link ModelSpec#MAX_WIDTH}{@code ]}; null for anything else.
     */
    static int[] sizes(String text) {
        if (text == null || !SIZES.matcher(text).matches()) {
            return null;
        }
        String[] parts = text.split(",");
        int[] s = new int[parts.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Integer.parseInt(parts[i].trim());
            if (s[i] < 1 || s[i] > ModelSpec.MAX_WIDTH) {
                return null;
            }
        }
        return s;
    }

    /** {@code --hidden}'s sizes, or a usage error that shows the form expected. */
    static int[] hidden(CommandLine cl, String text) {
        int[] s = sizes(text);
        if (s == null || s.length > 64) {
            throw new ParameterException(
                    cl,
                    "--hidden: expected up to 64 sizes such as 100 or 100,100, each from 1 to " + ModelSpec.MAX_WIDTH
                            + ", got '" + text + "'");
        }
        return s;
    }

    /** Checks an initialisation's name: {@code he}, {@code xavier}, or a standard deviation {@code > 0}. */
    static void requireInit(String init) {
        try {
            WeightInit.parse(init);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "init must be he, xavier or a standard deviation > 0 such as 0.01, got '" + init + "'");
        }
    }
}

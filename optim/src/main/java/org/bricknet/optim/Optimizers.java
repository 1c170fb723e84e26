package org.bricknet.optim;

import java.util.List;
import java.util.Locale;

/** Optimizers by name, for the command line and configuration files. */
public final class Optimizers {
    /** The names {@link #create} accepts. */
    public static final List<String> NAMES =
            List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

    private Optimizers() {}

    /**
     * A new optimizer with its default hyper-parameters (momentum 0.9, RMSprop decay 0.99, Adam
     * β1 0.9 and β2 0.999, AdamW λ 0.01); {@code name} is one of {@link #NAMES}, any case.
     */
    public static Optimizer create(String name, double learningRate) {
        switch (normalise(name)) {
            case "sgd":
                return new Sgd(learningRate);
            case "momentum":
                return new Momentum(learningRate);
            case "nesterov":
                return new Nesterov(learningRate);
            case "adagrad":
                return new AdaGrad(learningRate);
            case "rmsprop":
                return new RmsProp(learningRate);
            case "adam":
                return new Adam(learningRate);
            case "adamw":
                return new AdamW(learningRate);
            default:
                throw unknown(name);
        }
    }

    /** The book's learning rate for each optimizer: 0.001 for Adam and AdamW, 0.01 for the others. */
    public static double defaultLearningRate(String name) {
        String n = normalise(name);
        if (!NAMES.contains(n)) {
            throw unknown(name);
        }
        return n.startsWith("adam") ? 0.001 : 0.01;
    }

    private static String normalise(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException(
                "Optimizers: expected one of " + String.join("|", NAMES) + ", got '" + name + "'");
    }
}

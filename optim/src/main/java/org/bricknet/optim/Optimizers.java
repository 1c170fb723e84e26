package org.bricknet.optim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bricknet.core.Coverage;
import org.bricknet.core.L2Decay;

/** Optimizers by name, for the command line, configuration files and checkpoints. */
public final class Optimizers {
    /** The names {@link #create} accepts. */
    public static final List<String> NAMES =
            List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");

    private Optimizers() {}

    /**
     * A new optimizer with its default hyper-parameters (momentum 0.9, RMSprop decay 0.99, Adam
     * β1 0.9 and β2 0.999, AdamW λ 0.01, the book's ε and rules); {@code name} is one of
     * {@link #NAMES}, any case.
     */
    public static Optimizer create(String name, double learningRate) {
        return create(name, learningRate, Map.of());
    }

    /**
     * A new optimizer with the given hyperparameters by name, the others at their defaults:
     * {@code convention} ({@code book} or {@code pytorch}: the defaults and, for Adam and AdamW, the
     * rule; see {@link Convention}), {@code momentum} (momentum, nesterov), {@code decay_rate}
     * (rmsprop's ρ), {@code beta1}, {@code beta2} (adam, adamw), {@code eps} (adagrad, rmsprop, adam,
     * adamw), {@code weight_decay} and {@code decays} ({@code weights} or {@code all}; adamw), and for
     * every optimizer {@code l2} and {@code l2_covers} (an {@link L2Decay}). {@link
     * Optimizer#hyperparameters()} gives such a map back. A name an optimizer does not take is an
     * error that lists the ones it does.
     */
    public static Optimizer create(String name, double learningRate, Map<String, String> hyperparameters) {
        String n = normalise(name);
        Hyper h = new Hyper(n, hyperparameters);
        Convention c = h.convention();
        StatefulOptimizer o = switch (n) {
            case "sgd" -> new Sgd(learningRate);
            case "momentum" -> new Momentum(learningRate, h.number("momentum", Momentum.DEFAULT_MOMENTUM));
            case "nesterov" -> new Nesterov(learningRate, h.number("momentum", Momentum.DEFAULT_MOMENTUM));
            case "adagrad" -> new AdaGrad(learningRate, h.number("eps", AdaGrad.defaultEpsilon(c)));
            case "rmsprop" ->
                new RmsProp(
                        learningRate,
                        h.number("decay_rate", RmsProp.DEFAULT_DECAY),
                        h.number("eps", RmsProp.defaultEpsilon(c)));
            case "adam" ->
                new Adam(
                        learningRate,
                        h.number("beta1", Adam.DEFAULT_BETA1),
                        h.number("beta2", Adam.DEFAULT_BETA2),
                        h.number("eps", Adam.defaultEpsilon(c)),
                        c);
            case "adamw" ->
                new AdamW(
                        learningRate,
                        h.number("weight_decay", AdamW.DEFAULT_WEIGHT_DECAY),
                        h.number("beta1", Adam.DEFAULT_BETA1),
                        h.number("beta2", Adam.DEFAULT_BETA2),
                        h.number("eps", Adam.defaultEpsilon(c)),
                        c,
                        h.coverage("decays", c == Convention.PYTORCH ? Coverage.ALL : Coverage.WEIGHTS));
            default -> throw unknown(name);
        };
        double l2 = h.number("l2", 0);
        Coverage covers = h.coverage("l2_covers", Coverage.WEIGHTS);
        h.requireAllKnown();
        if (l2 != 0) {
            o.withL2Decay(new L2Decay(l2, covers));
        }
        return o;
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

    /** The hyperparameters given, read one by one; remembers which names the optimizer asked for. */
    private static final class Hyper {
        private final String optimizer;
        private final Map<String, String> given;
        private final Set<String> known = new LinkedHashSet<>();

        Hyper(String optimizer, Map<String, String> given) {
            this.optimizer = optimizer;
            this.given = given == null ? Map.of() : given;
        }

        Convention convention() {
            known.add("convention");
            String v = given.get("convention");
            return v == null ? Convention.BOOK : parse("convention", () -> Convention.parse(v));
        }

        double number(String key, double fallback) {
            known.add(key);
            String v = given.get(key);
            return v == null ? fallback : parse(key, () -> Double.parseDouble(v.trim()));
        }

        Coverage coverage(String key, Coverage fallback) {
            known.add(key);
            String v = given.get(key);
            return v == null ? fallback : parse(key, () -> Coverage.parse(v));
        }

        void requireAllKnown() {
            List<String> unknown = new ArrayList<>(given.keySet());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(optimizer + ": unknown hyperparameter '" + unknown.get(0)
                        + "'; it takes " + String.join(", ", known));
            }
        }

        private <T> T parse(String key, java.util.function.Supplier<T> parser) {
            try {
                return parser.get();
            } catch (IllegalArgumentException e) {
                String why = e instanceof NumberFormatException ? "expected a number" : e.getMessage();
                throw new IllegalArgumentException(
                        optimizer + ": hyperparameter " + key + " '" + given.get(key) + "': " + why);
            }
        }
    }
}

package org.bricknet.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.training.Checkpoint;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The hyperparameters of {@code train --optimizer NAME} besides the learning rate: momentum,
 * RMSprop's decay rate, Adam's betas and ε, AdamW's decoupled decay, and whose convention (the
 * book's or PyTorch's) supplies the rule and the defaults. They become the map
 * {@link Optimizers#create(String, double, Map)} reads, and a checkpoint records the optimizer's
 * {@link Optimizer#hyperparameters()} so that resuming rebuilds the same optimizer.
 */
public final class OptimizerOptions {
    /** Metadata keys a checkpoint holds the hyperparameters under: {@code optimizer_} + name. */
    static final String PREFIX = "optimizer_";

    @Option(
            names = "--optimizer-convention",
            paramLabel = "WHOSE",
            description = "book (default) or pytorch: the book's rules and eps, or torch.optim's (Adam's"
                    + " bias-corrected eps 1e-8, RMSprop eps 1e-8, Adagrad eps 1e-10, AdamW decaying every parameter)")
    String convention;

    @Option(names = "--momentum", paramLabel = "M", description = "momentum, nesterov: momentum in [0, 1); default 0.9")
    Double momentum;

    @Option(names = "--decay-rate", paramLabel = "RHO", description = "rmsprop: decay rate in [0, 1); default 0.99")
    Double decayRate;

    @Option(
            names = "--betas",
            paramLabel = "B1,B2",
            description = "adam, adamw: the moments' decay rates; default 0.9,0.999")
    String betas;

    @Option(
            names = "--eps",
            paramLabel = "E",
            description = "adagrad, rmsprop, adam, adamw: added to the square root; default by convention"
                    + " (book 1e-7; pytorch 1e-10 adagrad, 1e-8 the others)")
    Double eps;

    @Option(
            names = "--adamw-decay",
            paramLabel = "L",
            description = "adamw: decoupled weight decay λ (PyTorch's weight_decay of AdamW); default 0.01")
    Double adamwDecay;

    /** Which optimizers take each option, for the error when one does not. */
    private static final Map<String, List<String>> TAKEN_BY = Map.of(
            "--momentum", List.of("momentum", "nesterov"),
            "--decay-rate", List.of("rmsprop"),
            "--betas", List.of("adam", "adamw"),
            "--eps", List.of("adagrad", "rmsprop", "adam", "adamw"),
            "--adamw-decay", List.of("adamw"));

    /** The hyperparameters given on the command line, by {@link Optimizers}' names. */
    Map<String, String> given(CommandLine cl, String optimizer) {
        String name = optimizer.trim().toLowerCase(Locale.ROOT);
        Map<String, String> h = new LinkedHashMap<>();
        if (convention != null) {
            h.put("convention", convention);
        }
        put(cl, name, h, "--momentum", "momentum", momentum);
        put(cl, name, h, "--decay-rate", "decay_rate", decayRate);
        put(cl, name, h, "--eps", "eps", eps);
        put(cl, name, h, "--adamw-decay", "weight_decay", adamwDecay);
        if (betas != null) {
            requireTaken(cl, name, "--betas");
            String[] b = betas.split(",", -1);
            if (b.length != 2) {
                throw new ParameterException(cl, "--betas expects two numbers as B1,B2, got '" + betas + "'");
            }
            h.put("beta1", b[0].trim());
            h.put("beta2", b[1].trim());
        }
        return h;
    }

    /** For full-batch L-BFGS, which takes none of these options: null, or the error when one was given. */
    Optimizer none(CommandLine cl) {
        if (convention != null
                || momentum != null
                || decayRate != null
                || betas != null
                || eps != null
                || adamwDecay != null) {
            throw new ParameterException(
                    cl,
                    "--optimizer lbfgs takes no --optimizer-convention, --momentum, --decay-rate, --betas, --eps or"
                            + " --adamw-decay");
        }
        return null;
    }

    /**
     * The optimizer of a run: the options given, or when resuming the checkpoint's hyperparameters,
     * which options given must then agree with.
     */
    Optimizer create(CommandLine cl, String name, double lr, Checkpoint resumed) {
        Map<String, String> given = given(cl, name);
        Map<String, String> hyper = new LinkedHashMap<>(given);
        if (resumed != null) {
            Map<String, String> recorded = new LinkedHashMap<>();
            resumed.extra().forEach((k, v) -> {
                if (k.startsWith(PREFIX)) {
                    recorded.put(k.substring(PREFIX.length()), v);
                }
            });
            Optimizer asGiven = build(cl, name, lr, given);
            Optimizer asRecorded = build(cl, name, lr, recorded);
            asGiven.hyperparameters().forEach((k, v) -> {
                if (given.containsKey(k)
                        && !v.equals(asRecorded.hyperparameters().get(k))) {
                    throw new ParameterException(
                            cl,
                            "the optimizer's " + k + " " + v + " disagrees with the checkpoint's ("
                                    + asRecorded.hyperparameters().get(k) + "); leave it out when resuming");
                }
            });
            hyper = recorded;
        }
        return build(cl, name, lr, hyper);
    }

    /** {@code metadata} plus the optimizer's hyperparameters, for a checkpoint. */
    static Map<String, String> withHyperparameters(Map<String, String> metadata, Optimizer opt) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        opt.hyperparameters().forEach((k, v) -> m.put(PREFIX + k, v));
        return m;
    }

    private static Optimizer build(CommandLine cl, String name, double lr, Map<String, String> hyper) {
        try {
            return Optimizers.create(name, lr, hyper);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--optimizer: " + e.getMessage());
        }
    }

    private static void put(CommandLine cl, String name, Map<String, String> h, String option, String key, Double v) {
        if (v != null) {
            requireTaken(cl, name, option);
            h.put(key, Double.toString(v));
        }
    }

    private static void requireTaken(CommandLine cl, String name, String option) {
        List<String> takers = TAKEN_BY.get(option);
        if (!takers.contains(name)) {
            throw new ParameterException(
                    cl, option + " applies to " + String.join(" and ", takers) + ", not to --optimizer " + name);
        }
    }
}

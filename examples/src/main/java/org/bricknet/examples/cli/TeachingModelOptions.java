package org.bricknet.examples.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.examples.Downscale;
import org.bricknet.examples.LogisticDigitsNetwork;
import org.bricknet.examples.NielsenNetwork2;
import org.bricknet.examples.cli.ModelSpec.Kind;
import org.bricknet.losses.Losses;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --loss NAME} and {@code --lambda L}, and the two models of the teaching texts:
 * {@code nielsen2} ({@link NielsenNetwork2}, {@code network2.py}) and {@code logistic} (the
 * tutorial's 400-25-10 {@link LogisticDigitsNetwork}, on the digits scaled to 20×20 by
 * {@link Downscale}).
 *
 * <p>The loss a model ends in is part of its {@link ModelSpec} ({@code loss} in its metadata):
 * {@code softmax} (softmax and cross-entropy), {@code sigmoid} (the per-class logistic cost,
 * summed over the outputs and averaged over the batch, as {@code network2.py} and the tutorial) or
 * {@code mse} (Nielsen's quadratic cost), on the scores of the last Affine layer; for
 * {@code nielsen2}, {@code sigmoid} is his {@code CrossEntropyCost} and {@code mse} his
 * {@code QuadraticCost} (an explicit sigmoid, then the squared error). {@code --lambda} is the L2
 * regularisation of {@code network2.py} and the tutorial, {@code ½·(λ/n)·Σw²} with {@code n} the
 * examples trained on; the spec records the weight decay {@code λ/n} it comes to.
 */
public final class TeachingModelOptions {
    /** The side of the tutorial's images: {@code logistic} takes the digits scaled down to 20×20. */
    static final int LOGISTIC_SIDE = 20;

    /** The losses each kind can end in, its default first. */
    private static final Map<Kind, List<String>> LOSSES = Map.of(
            Kind.TWO_LAYER, List.of("softmax", "sigmoid", "mse"),
            Kind.MLP, List.of("softmax", "sigmoid", "mse"),
            Kind.CNN, List.of("softmax", "sigmoid", "mse"),
            Kind.NIELSEN, List.of("mse"),
            Kind.NIELSEN2, List.of("sigmoid", "mse"),
            Kind.LOGISTIC, List.of("sigmoid"));

    @Option(
            names = "--loss",
            paramLabel = "NAME",
            description = "two-layer, mlp, cnn: softmax (default), sigmoid (the per-class logistic cost) or mse;"
                    + " nielsen2: sigmoid (his cross-entropy cost, default) or mse (his quadratic cost)")
    String loss;

    @Option(
            names = "--lambda",
            paramLabel = "L",
            description = "nielsen2, logistic: L2 regularisation λ of network2.py and the tutorial, a weight decay"
                    + " of λ/n over the n examples trained on; default 5.0 (nielsen2), 1.0 (logistic)")
    Double lambda;

    /** The loss a kind ends in unless told otherwise. */
    static String defaultLoss(Kind kind) {
        return LOSSES.get(kind).get(0);
    }

    /** Checks that {@code kind} can end in {@code loss}. */
    static void requireLoss(Kind kind, String loss) {
        if (!LOSSES.get(kind).contains(loss)) {
            throw new IllegalArgumentException(
                    kind + " ends in the loss " + String.join(" or ", LOSSES.get(kind)) + ", not '" + loss + "'");
        }
    }

    /** λ of the kinds that take {@code --lambda}: network2.py's chapter 3 run, the tutorial's. */
    static double defaultLambda(Kind kind) {
        return kind == Kind.LOGISTIC ? 1.0 : 5.0;
    }

    /** Checks {@code --loss} and {@code --lambda} for a fresh model of {@code kind}, before any work. */
    void check(CommandLine cl, Kind kind) {
        String name = loss == null ? defaultLoss(kind) : loss.trim().toLowerCase(Locale.ROOT);
        if (!Losses.NAMES.contains(name)) {
            throw new ParameterException(
                    cl, "--loss: expected one of " + String.join(", ", Losses.NAMES) + ", got '" + loss + "'");
        }
        try {
            requireLoss(kind, name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--loss: --model " + e.getMessage());
        }
        loss = name;
        if (lambda != null) {
            Bounds.in(cl, "--lambda", lambda, 0, 1e6, false);
        }
    }

    /**
     * A fresh model's spec with these options ({@link #check}ed) applied: the loss, the weight decay
     * {@code λ/n} for the kinds that take {@code --lambda} ({@code n} the examples trained on), and
     * for {@code logistic} images of at most 20×20 ({@link #fitted}). Says what λ comes to.
     */
    ModelSpec apply(ModelSpec s, int trainedOn, PrintStream out) {
        double decay = s.weightDecay();
        if (s.kind() == Kind.NIELSEN2 || s.kind() == Kind.LOGISTIC) {
            double l = lambda != null ? lambda : defaultLambda(s.kind());
            decay = l / trainedOn;
            String d = String.format(Locale.ROOT, "%.4g", decay);
            out.printf(
                    Locale.ROOT,
                    "L2 regularisation: λ %s over the %d examples trained on, a weight decay of %s%n",
                    l,
                    trainedOn,
                    d.contains("e") ? d : d.replaceAll("0+$", "").replaceAll("\\.$", ""));
        }
        return fitted(new ModelSpec(
                s.kind(),
                s.input(),
                s.hidden(),
                s.classes(),
                s.activation(),
                s.init(),
                s.dropout(),
                s.batchNorm(),
                decay,
                loss == null ? defaultLoss(s.kind()) : loss));
    }

    /** {@code s}, taking for {@code logistic} images of 1 channel scaled down to at most 20×20. */
    static ModelSpec fitted(ModelSpec s) {
        int[] in = s.input();
        if (s.kind() != Kind.LOGISTIC || in.length != 3 || in[1] <= LOGISTIC_SIDE) {
            return s;
        }
        return new ModelSpec(
                s.kind(),
                new int[] {1, LOGISTIC_SIDE, LOGISTIC_SIDE},
                s.hidden(),
                s.classes(),
                s.activation(),
                s.init(),
                s.dropout(),
                s.batchNorm(),
                s.weightDecay(),
                s.loss());
    }

    /**
     * Checks what only these kinds need of a spec: {@code logistic} takes square images of one
     * channel (or flat vectors).
     */
    static void requireInput(Kind kind, int[] input) {
        if (kind == Kind.LOGISTIC && input.length == 3 && (input[0] != 1 || input[1] != input[2])) {
            throw new IllegalArgumentException(kind + ": expected square images of one channel, got " + input[0] + "×"
                    + input[1] + "×" + input[2]);
        }
    }

    /** The data as a {@code logistic} model takes it: square images larger than its own scaled down. */
    static Dataset scaled(ModelSpec s, Dataset data) {
        int[] image = data.imageShape();
        int[] in = s.input();
        if (s.kind() != Kind.LOGISTIC || image == null || in.length != 3 || image[1] <= in[1]) {
            return data;
        }
        if (image[0] != 1 || image[1] != image[2]) {
            throw new IllegalArgumentException("the model takes square images of one channel scaled to "
                    + ModelSpec.geometry(in) + ", the data holds " + ModelSpec.geometry(image) + " images");
        }
        return Downscale.dataset(data, in[1]);
    }

    /** A fresh network of the kinds this class adds, initialised from {@code random}. */
    static Network build(ModelSpec s, int[] sizes, Random random) {
        Network net = s.kind() == Kind.LOGISTIC
                ? new LogisticDigitsNetwork(sizes[0], sizes[1], sizes[2], random)
                : new NielsenNetwork2(
                        s.loss().equals("mse") ? NielsenNetwork2.Cost.QUADRATIC : NielsenNetwork2.Cost.CROSS_ENTROPY,
                        NielsenNetwork2.Init.DEFAULT,
                        random,
                        sizes);
        return net.withWeightDecay(s.weightDecay());
    }

    /** {@code net} ending in the spec's loss, for the kinds whose loss is chosen here. */
    static Network withLoss(ModelSpec s, Network net) {
        boolean chosenHere = s.kind() == Kind.TWO_LAYER || s.kind() == Kind.MLP || s.kind() == Kind.CNN;
        return chosenHere && !s.loss().equals(defaultLoss(s.kind())) ? net.withLoss(Losses.create(s.loss())) : net;
    }
}

package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.data.Dataset;
import org.bricknet.examples.Activation;
import org.bricknet.examples.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck [--model two-layer|nielsen|mlp|cnn|FILE] [--architecture FILE.json] [--mode
 * full|subset|direction]}: an architecture or a model file is {@link FileGradcheck}'s; otherwise builds a
 * freshly initialised model (the {@code train} command's default form of it; {@code mlp} with batch
 * norm, dropout 0.15 and weight decay 1e-4, so that every brick of it is checked), checks its
 * backprop gradients (input and every parameter) against central differences on the first few
 * embedded test digits, prints the report table and the time taken, and exits 0 when every element
 * passes, 1 when one fails (2 on a usage error).
 */
@Command(
        name = "gradcheck",
        mixinStandardHelpOptions = true,
        description = "Checks a fresh model's backprop gradients against numerical ones and prints the report.")
public final class GradcheckCommand implements Callable<Integer> {

    /** How much of each tensor is compared. */
    public enum Mode {
        FULL("full"),
        SUBSET("subset"),
        DIRECTION("direction");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--model",
            defaultValue = "two-layer",
            paramLabel = "KIND",
            description = "two-layer, nielsen, mlp, cnn, nielsen2 or logistic (default: ${DEFAULT-VALUE}); cnn has 0.4"
                    + " million parameters: check it in subset or direction mode. Or a model file saved by train"
                    + " --save, at its weights")
    String model;

    @Mixin
    ArchitectureOption architecture;

    @Option(
            names = "--mode",
            defaultValue = "full",
            converter = ModeConverter.class,
            completionCandidates = ModeLabels.class,
            description = "full: every element; subset: --subset-size elements per tensor; direction: --directions"
                    + " random unit directions per tensor (default: ${DEFAULT-VALUE}).")
    Mode mode;

    /** The most directions per tensor: each costs two evaluations of the network. */
    static final int MAX_DIRECTIONS = 1000;

    /** The most elements per tensor in subset mode (a tensor with fewer is checked whole). */
    static final int MAX_SUBSET = 1_000_000;

    @Option(
            names = "--subset-size",
            defaultValue = "10",
            description = "Elements per tensor in subset mode, 1 to " + MAX_SUBSET + " (default: ${DEFAULT-VALUE}).")
    int subsetSize;

    @Option(
            names = "--directions",
            defaultValue = "5",
            description =
                    "Directions per tensor in direction mode, 1 to " + MAX_DIRECTIONS + " (default: ${DEFAULT-VALUE}).")
    int directions;

    @Option(
            names = "--batch",
            description = "Number of embedded test digits, 1 to 2000 (default: 3; 1 for a full check of cnn, whose"
                    + " 869,349 evaluations take minutes, and 2 of a file).")
    Integer batch;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed for the weights and the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rtol",
            description =
                    "Largest relative error that passes, > 0 and <= 0.1 (default: " + Tolerance.DEFAULT_RTOL + ").")
    double rtol = Tolerance.DEFAULT_RTOL;

    @Option(
            names = "--atol",
            description =
                    "Largest absolute error that passes, >= 0 and <= 0.1 (default: " + Tolerance.DEFAULT_ATOL + ").")
    double atol = Tolerance.DEFAULT_ATOL;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (batch == null) {
            batch = mode != Mode.FULL ? 3 : "cnn".equals(model) ? 1 : FileGradcheck.wanted(this) ? 2 : 3;
        }
        Bounds.in(cl, "--batch", batch, 1, 2000);
        Bounds.in(cl, "--subset-size", subsetSize, 1, MAX_SUBSET);
        Bounds.in(cl, "--directions", directions, 1, MAX_DIRECTIONS);
        Bounds.in(cl, "--rtol", rtol, 0, 0.1, true);
        Bounds.in(cl, "--atol", atol, 0, 0.1, false);
        if (mode != Mode.SUBSET && ModelOptions.given(cl, "--subset-size")) {
            throw new CommandLine.ParameterException(cl, "--subset-size applies to --mode subset only");
        }
        if (mode != Mode.DIRECTION && ModelOptions.given(cl, "--directions")) {
            throw new CommandLine.ParameterException(cl, "--directions applies to --mode direction only");
        }
        if (FileGradcheck.wanted(this)) {
            return FileGradcheck.run(this, cl, checkMode(), Tolerance.of(rtol, atol));
        }
        ModelSpec.Kind kind;
        try {
            kind = ModelSpec.Kind.parse(model);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--model: " + e.getMessage() + ", or a model file saved by train --save");
        }
        Dataset digits = Datasets.mnist10kTest().slice(0, batch);
        int[] input = digits.imageShape();
        boolean mlp = kind == ModelSpec.Kind.MLP;
        ModelSpec form = new ModelSpec(
                kind,
                input,
                TrainCommand.defaultHidden(kind),
                digits.classes(),
                kind == ModelSpec.Kind.NIELSEN ? Activation.SIGMOID : Activation.RELU,
                "he",
                mlp ? 0.15 : 0,
                mlp,
                mlp ? 1e-4 : 0);
        form = TeachingModelOptions.fitted(form);
        Network net = form.build(new Random(seed));
        Dataset shaped = form.shape(digits);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "gradcheck %s on the first %d embedded test digits, each pixel raised by up to %s (off the"
                        + " kinks), seed %d%n",
                describe(form), batch, JITTER, seed);
        Tensor x = offTheKinks(shaped.inputs(), seed);
        if (mode == Mode.FULL) {
            long values = x.size()
                    + net.parameters().values().stream()
                            .mapToLong(p -> p.value().size())
                            .sum();
            out.printf("full check: %,d evaluations of the network (two per element)%n", 1 + 2 * values);
            out.flush();
        }
        return check(net, x, shaped.targets(), checkMode(), Tolerance.of(rtol, atol), out);
    }

    /** The most a pixel is raised by to move the check's point off the kinks. */
    static final double JITTER = 0.05;

    /**
     * The digits with every pixel raised by a random amount in {@code [0, JITTER)}, drawn from
     * {@code seed}. A digit's background is exactly 0, and a fresh network's biases are 0: a
     * convolution window of background pixels then gives exactly 0 to ReLU (its kink) and a tie to
     * max-pooling, where a central difference cannot judge the gradient. Raised pixels put every
     * such value off 0 by far more than the step of the difference.
     */
    static Tensor offTheKinks(Tensor x, long seed) {
        Tensor moved = x.copy();
        Random r = new Random(org.bricknet.core.SplitMix.derive(seed, 7));
        double[] d = moved.data();
        for (int i = 0; i < d.length; i++) {
            d[i] += JITTER * r.nextDouble();
        }
        return moved;
    }

    /** Checks {@code net}, prints the report and the time; 0 if it passed, 1 if not. */
    static int check(Network net, Tensor x, Tensor targets, CheckMode mode, Tolerance tol, PrintWriter out) {
        long start = System.nanoTime();
        GradientReport report = GradientCheck.network(net, x, targets, mode, tol);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(report);
        out.printf("took %.2f s%n", seconds);
        out.flush();
        return report.passed() ? 0 : 1;
    }

    CheckMode checkMode() {
        return switch (mode) {
            case FULL -> CheckMode.full();
            case SUBSET -> CheckMode.subset(subsetSize, seed);
            case DIRECTION -> CheckMode.directions(directions, seed);
        };
    }

    private static String describe(ModelSpec form) {
        return switch (form.kind()) {
            case TWO_LAYER -> "TwoLayerNet(" + form.sizesText().replace(",", ", ") + ")";
            case NIELSEN -> "NielsenNetwork(" + form.sizesText().replace(",", ", ") + ")";
            case MLP ->
                "MultiLayerNet(" + form.sizesText().replace(",", ", ")
                        + ", batch norm, dropout 0.15, weight decay 1e-4)";
            case CNN -> "SimpleConvNet(" + form.sizesText() + ")";
            case NIELSEN2 -> "NielsenNetwork2(" + form.sizesText().replace(",", ", ") + ")";
            case LOGISTIC ->
                "LogisticDigitsNetwork(" + form.sizesText().replace(",", ", ") + ", digits scaled to 20×20)";
        };
    }

    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return Arrays.stream(Mode.values())
                    .filter(m -> m.label.equals(value))
                    .findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "unknown mode '" + value + "'; expected one of " + String.join(", ", new ModeLabels())));
        }
    }

    static final class ModeLabels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Mode.values()).map(m -> m.label).iterator();
        }
    }
}

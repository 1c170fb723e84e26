package org.bricknet.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.GradientCheck;
import org.bricknet.examples.TwoLayerNet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradcheck [--model two-layer] [--mode full|subset|direction]}: builds a freshly
 * initialised model, checks its backprop gradients (input and every parameter) against central
 * differences on a few random inputs in [0, 1), prints the report table and the time taken, and
 * exits 0 when every element passes, 1 when one fails (2 on a usage error).
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Checks a fresh model's backprop gradients against numerical ones and prints the report.")
public final class GradcheckCommand implements Callable<Integer> {

    /**
     * The models the command can check. To add one (nielsen, mlp, cnn), add a constant with its
     * command-line label, its builder from a seeded {@code Random}, its input shape without the
     * batch and its number of classes.
     */
    public enum Model {
        TWO_LAYER("two-layer", "TwoLayerNet(784, 50, 10)", r -> new TwoLayerNet(784, 50, 10, r), new int[] {784}, 10);

        final String label;
        final String description;
        final Function<Random, Network> build;
        final int[] inputShape;
        final int classes;

        Model(String label, String description, Function<Random, Network> build, int[] inputShape, int classes) {
            this.label = label;
            this.description = description;
            this.build = build;
            this.inputShape = inputShape;
            this.classes = classes;
        }
    }

    /** How much of each tensor is compared. */
    public enum Mode {
        FULL("full"), SUBSET("subset"), DIRECTION("direction");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "two-layer", converter = ModelConverter.class,
            completionCandidates = ModelLabels.class, description = "Model: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Model model;

    @Option(names = "--mode", defaultValue = "full", converter = ModeConverter.class,
            completionCandidates = ModeLabels.class,
            description = "full: every element; subset: --subset-size elements per tensor; direction: --directions"
                    + " random unit directions per tensor (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--subset-size", defaultValue = "10", description = "Elements per tensor in subset mode (default: ${DEFAULT-VALUE}).")
    int subsetSize;

    @Option(names = "--directions", defaultValue = "5", description = "Directions per tensor in direction mode (default: ${DEFAULT-VALUE}).")
    int directions;

    @Option(names = "--batch", defaultValue = "3", description = "Number of random inputs (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the weights, the inputs and the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rtol", description = "Largest relative error that passes (default: " + Tolerance.DEFAULT_RTOL + ").")
    double rtol = Tolerance.DEFAULT_RTOL;

    @Option(names = "--atol", description = "Largest absolute error that passes (default: " + Tolerance.DEFAULT_ATOL + ").")
    double atol = Tolerance.DEFAULT_ATOL;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GradcheckCommand()).execute(args));
    }

    @Override
    public Integer call() {
        if (batch < 1 || subsetSize < 1 || directions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batch, --subset-size and --directions must be at least 1");
        }
        Random random = new Random(seed);
        Network net = model.build.apply(random);
        int[] shape = new int[model.inputShape.length + 1];
        shape[0] = batch;
        System.arraycopy(model.inputShape, 0, shape, 1, model.inputShape.length);
        Tensor x = Tensor.uniform(random, 0, 1, shape);
        Tensor targets = Tensor.zeros(batch);
        for (int i = 0; i < batch; i++) {
            targets.set(random.nextInt(model.classes), i);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("gradcheck %s: %s on %d random inputs in [0, 1), seed %d%n", model.label, model.description, batch,
                seed);
        return check(net, x, targets, checkMode(), Tolerance.of(rtol, atol), out);
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

    private CheckMode checkMode() {
        return switch (mode) {
            case FULL -> CheckMode.full();
            case SUBSET -> CheckMode.subset(subsetSize, seed);
            case DIRECTION -> CheckMode.directions(directions, seed);
        };
    }

    static final class ModelConverter implements CommandLine.ITypeConverter<Model> {
        @Override
        public Model convert(String value) {
            return Arrays.stream(Model.values()).filter(m -> m.label.equals(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown model '" + value
                            + "'; expected one of " + String.join(", ", new ModelLabels())));
        }
    }

    static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return Arrays.stream(Mode.values()).filter(m -> m.label.equals(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown mode '" + value
                            + "'; expected one of " + String.join(", ", new ModeLabels())));
        }
    }

    static final class ModelLabels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Model.values()).map(m -> m.label).iterator();
        }
    }

    static final class ModeLabels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Mode.values()).map(m -> m.label).iterator();
        }
    }
}

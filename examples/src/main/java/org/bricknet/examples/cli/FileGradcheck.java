package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.data.Dataset;
import org.bricknet.examples.Datasets;
import org.bricknet.layers.BatchNormalization;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code gradcheck --architecture FILE.json}: a fresh network of an architecture file, its weights
 * drawn from {@code --seed}; and {@code gradcheck --model FILE}: a model saved by {@code train
 * --save}, at its trained weights. Either is checked on the first embedded test digits, moved off
 * the kinks as for the built-in models ({@link GradcheckCommand#offTheKinks}), in any mode; a graph
 * whole and then node by node ({@link GradientCheck#graph}, rows {@code [node] W}), a built-in
 * model as {@code gradcheck --model KIND} checks it.
 */
final class FileGradcheck {
    private FileGradcheck() {}

    /**
     * Whether {@code gradcheck} checks a file: {@code --architecture}, or a {@code --model} that is
     * no kind's name and is a path (an existing file, or a name with a dot or a slash in it).
     */
    static boolean wanted(GradcheckCommand c) {
        if (c.architecture.given()) {
            return true;
        }
        try {
            ModelSpec.Kind.parse(c.model);
            return false;
        } catch (IllegalArgumentException e) {
            // no kind has a dot or a slash in its name: such a value is a path, missing or not
            try {
                return c.model.contains(".") || c.model.contains("/") || Files.exists(Path.of(c.model));
            } catch (java.nio.file.InvalidPathException notAPath) {
                return false;
            }
        }
    }

    /** Runs the check; the exit code: 0 passed, 1 failed. */
    static int run(GradcheckCommand c, CommandLine cl, CheckMode mode, Tolerance tol) throws IOException {
        Dataset digits = Datasets.mnist10kTest().slice(0, c.batch);
        Network net;
        Dataset shaped;
        String what;
        boolean graph;
        PrintWriter out = cl.getOut();
        if (c.architecture.given()) {
            if (ModelOptions.given(cl, "--model")) {
                throw new ParameterException(
                        cl,
                        "--model and --architecture: give one (a built-in model, a model file, or an architecture)");
            }
            GraphModel g = c.architecture.read();
            shaped = fit(g, digits, g.toString());
            GraphSize.require(g, c.batch, 0, 0, 0, "gradcheck of " + g + " on " + c.batch + " digits");
            net = g.network(new Random(c.seed));
            what = g + ", freshly initialised,";
            graph = true;
        } else {
            Path file = Path.of(c.model);
            SavedModel saved = SavedModel.load(file);
            shaped = fit(saved.spec(), digits, "the model in " + file + " (" + saved.spec() + ")");
            net = saved.network();
            what = "the model in " + file + " (" + saved.spec() + "), at its trained weights,";
            graph = saved.spec() instanceof GraphModel;
        }
        if (c.batch == 1 && normalisesBatches(net.graph())) {
            throw new ParameterException(
                    cl,
                    "--batch 1: batch normalization over one example makes every gradient before it 0, which"
                            + " checks nothing; give --batch 2 or more");
        }
        out.printf(
                "gradcheck %s on the first %d embedded test digits, each pixel raised by up to %s (off the kinks),"
                        + " seed %d%n",
                what, c.batch, GradcheckCommand.JITTER, c.seed);
        Tensor x = GradcheckCommand.offTheKinks(shaped.inputs(), c.seed);
        if (c.mode == GradcheckCommand.Mode.FULL) {
            long values = x.size()
                    + net.parameters().values().stream()
                            .mapToLong(p -> p.value().size())
                            .sum();
            out.printf(
                    "full check: %,d evaluations of the network (two per element)%s%n",
                    1 + 2 * values, graph ? ", then each node alone on its own inputs and parameters" : "");
            out.flush();
        }
        if (!graph) {
            return GradcheckCommand.check(net, x, shaped.targets(), mode, tol, out);
        }
        long start = System.nanoTime();
        GradientReport report = GradientCheck.graph(net.graph(), x, shaped.targets(), mode, tol);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(report);
        out.printf("took %.2f s%n", seconds);
        out.flush();
        return report.passed() ? 0 : 1;
    }

    /** Whether a node of {@code g}, or of a graph inside it, is a batch normalization. */
    private static boolean normalisesBatches(Graph g) {
        for (Brick b : g.nodes().values()) {
            if (b instanceof BatchNormalization || (b instanceof Graph inner && normalisesBatches(inner))) {
                return true;
            }
        }
        return false;
    }

    private static Dataset fit(ModelSource m, Dataset digits, String what) {
        try {
            return m.shape(digits);
        } catch (IllegalArgumentException e) {
            throw new CliException("the embedded test digits do not fit " + what + ": " + e.getMessage());
        }
    }
}

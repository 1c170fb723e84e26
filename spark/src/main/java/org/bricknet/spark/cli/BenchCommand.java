package org.bricknet.spark.cli;

import java.io.PrintStream;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.engine.Engine;
import org.bricknet.core.io.Mnist;
import org.bricknet.optim.minimize.DifferentiableFunction;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.spark.NetworkSource;
import org.bricknet.spark.SparkNetworkFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: Spark's overhead on full-batch training. The same L-BFGS run (the book's
 * two-layer network, 784-50-10, from one seed) is timed twice in this JVM: on one machine through
 * {@link NetworkFunction}, and on Spark through {@link SparkNetworkFunction}; each after a warm-up
 * of a few evaluations. Prints seconds per iteration and per evaluation, and the ratio.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Time L-BFGS iterations of the two-layer network (784-50-10) on one machine and on Spark.",
            "For Fashion-MNIST: --data /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist)."
        })
final class BenchCommand implements Callable<Integer> {
    @Option(
            names = "--iterations",
            defaultValue = "10",
            paramLabel = "N",
            description = "L-BFGS iterations timed; default: ${DEFAULT-VALUE}")
    int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            paramLabel = "N",
            description = "evaluations before timing, each way; default: ${DEFAULT-VALUE}")
    int warmup;

    @Mixin
    SparkOptions sparkOptions;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final Sessions sessions;

    BenchCommand(PrintStream out, Sessions sessions) {
        this.out = out;
        this.sessions = sessions;
    }

    @Override
    public Integer call() throws Exception {
        if (iterations < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--iterations must be at least 1 and --warmup at least 0");
        }
        sparkOptions.check(spec.commandLine());
        if (sparkOptions.trainPath != null) {
            throw new ParameterException(
                    spec.commandLine(), "bench compares with one machine: give --data, not --train");
        }
        Mnist.Split local = sparkOptions.loadLocal(spec.commandLine());
        Dataset train = local.train();
        ModelForm form = new ModelForm(
                "two-layer",
                new int[] {train.inputs().cols()},
                new int[] {50},
                train.classes(),
                "relu",
                "he",
                0,
                false,
                0);
        NetworkSource source = () -> form.build(new Random(42));
        out.println("matrix products: " + Engine.implementation() + "; OPENBLAS_NUM_THREADS="
                + System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "(unset)") + "; bricknet.threads="
                + System.getProperty("bricknet.threads", "(unset)"));
        out.printf(
                "%s on %s: %d examples, %d L-BFGS iterations%n",
                form, sparkOptions.describe(), train.size(), iterations);

        NetworkFunction one = new NetworkFunction(source.build(), train.inputs(), train.targets());
        double[] single = time("one machine", one, one.parameters());

        SparkSession session = (sessions != null ? sessions : Sessions.START).open(sparkOptions.master);
        SparkOptions.Sets sets = null;
        try {
            sets = sparkOptions.sets(session, local, false);
            SparkNetworkFunction many =
                    new SparkNetworkFunction(source.build(), source, sets.train()).depth(sparkOptions.treeDepth);
            double[] spark = time(
                    "Spark " + session.sparkContext().master() + ", "
                            + sets.train().partitions() + " partitions",
                    many,
                    many.parameters());
            out.printf(
                    "Spark / one machine: %.2fx per iteration, %.2fx per evaluation%n",
                    spark[0] / single[0], spark[1] / single[1]);
            return 0;
        } finally {
            if (sets != null) {
                sets.unpersist();
            }
            if (sessions == null || sessions.owned()) {
                session.stop();
            }
        }
    }

    /** Seconds per iteration and per evaluation of L-BFGS on {@code f}, printed under {@code label}. */
    private double[] time(String label, DifferentiableFunction f, double[] x0) {
        double[] g = new double[x0.length];
        for (int i = 0; i < warmup; i++) {
            f.valueAndGradient(x0, g);
        }
        long start = System.nanoTime();
        OptimizeResult r = new Lbfgs().maxIterations(iterations).minimize(f, x0);
        double seconds = (System.nanoTime() - start) / 1e9;
        double perIteration = seconds / Math.max(1, r.nit());
        double perEvaluation = seconds / Math.max(1, r.nfev());
        out.printf(
                "%s: %.3f s per iteration, %.3f s per evaluation (%d iterations, %d evaluations, %.1f s, loss %.6f)%n",
                label, perIteration, perEvaluation, r.nit(), r.nfev(), seconds, r.fun());
        return new double[] {perIteration, perEvaluation};
    }
}

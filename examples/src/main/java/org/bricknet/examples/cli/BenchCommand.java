package org.bricknet.examples.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.engine.Engine;
import org.bricknet.optim.Sgd;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: training speed of a named workload. A warm-up of one epoch and then more until
 * {@code --warmup-seconds} have passed (a short epoch such as Nielsen's is over before the JIT has
 * compiled the hot path), then {@code --epochs}
 * timed epochs of training only (no scoring); prints the median seconds per epoch, examples per
 * second, the rate of the matrix products (operations counted by {@link Engine}: over the whole
 * epoch, and inside the products alone), and where an epoch's time goes, by the engine's
 * {@link Engine.Work kinds of work} and the rest.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Measure training speed: seconds per epoch, examples per second, GFLOP/s.")
public final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--workload",
            defaultValue = "two-layer",
            paramLabel = "NAME",
            converter = Workload.Converter.class,
            completionCandidates = Workload.Labels.class,
            description = "${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}")
    Workload workload;

    @Option(
            names = "--epochs",
            defaultValue = "5",
            paramLabel = "N",
            description = "timed epochs after one warm-up; default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "3",
            paramLabel = "S",
            description =
                    "warm-up: one epoch, then more until S seconds have passed (the JIT needs about that); default: ${DEFAULT-VALUE}")
    double warmupSeconds;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Bounds.in(spec.commandLine(), "--epochs", epochs, 1, 1000);
        if (!(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
            throw new ParameterException(
                    spec.commandLine(), "--warmup-seconds must be between 0 and 3600, got " + warmupSeconds);
        }
        var out = spec.commandLine().getOut();
        Dataset train = data.loadTrain();
        ModelSpec form = workload.spec(train);
        ModelSize.require(form, workload.batch, 0, 0, 0, "the " + workload + " workload (" + form + ")");
        Network net = form.build(new Random(seed));
        out.printf(
                "workload %s: %s, batch %d, SGD lr %s, %d training examples of %s%n",
                workload, workload.describe(), workload.batch, workload.lr, train.size(), data.describe());
        out.printf("matrix products: %s%n", Engine.implementation());
        if (!Engine.advice().isEmpty()) {
            out.printf("note: %s%n", Engine.advice());
        }
        out.printf("cores: %d%n", Runtime.getRuntime().availableProcessors());
        Dataset input = workload.input(train);
        Trainer trainer = new Trainer(net, new Sgd(workload.lr))
                .batchSize(workload.batch)
                .seed(seed)
                .trainAccuracy(false)
                .quiet();
        // warm-up (JIT, buffers, the second core's caches): one epoch, and more until warmupSeconds have passed
        long warmStart = System.nanoTime();
        int warm = 0;
        do {
            Engine.count(true); // the timed epochs count, so the warm-up compiles the counting path too
            trainer.epochs(1).fit(input);
            Engine.count(false);
            warm++;
        } while (System.nanoTime() - warmStart < warmupSeconds * 1e9);
        out.printf("warm-up: %d epochs in %.1f s%n", warm, (System.nanoTime() - warmStart) / 1e9);
        double[] seconds = new double[epochs];
        long cpuStart = processorNanos();
        Engine.Splits before = Engine.splits();
        long flops = 0;
        long[] nanos = new long[Engine.Work.values().length];
        for (int e = 0; e < epochs; e++) {
            Engine.count(true);
            TrainingHistory h = trainer.epochs(1).fit(input);
            Engine.count(false);
            flops += Engine.countedFlops();
            for (Engine.Work w : Engine.Work.values()) {
                nanos[w.ordinal()] += Engine.countedNanos(w);
            }
            seconds[e] = h.last().seconds();
            out.printf("epoch %d: %.3f s%n", e + 1, seconds[e]);
        }
        double cpu = (processorNanos() - cpuStart) / 1e9;
        out.printf("parallel work: %s%n", Engine.splits().since(before));
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = epochs % 2 == 1 ? sorted[epochs / 2] : (sorted[epochs / 2 - 1] + sorted[epochs / 2]) / 2;
        double total = Arrays.stream(seconds).sum();
        out.printf("median %.3f s per epoch, %.0f examples/s%n", median, train.size() / median);
        out.printf(
                "processor time: %.3f s per epoch, %.2f cores busy on average (spinning included)%n",
                cpu / epochs, cpu / total);
        long productNanos = nanos[Engine.Work.PRODUCTS.ordinal()];
        out.printf(
                "matrix products: %.2f GFLOP per epoch, %.1f GFLOP/s over the epoch, %.1f GFLOP/s inside the products (%.0f%% of the time)%n",
                flops / 1e9 / epochs,
                flops / 1e9 / total,
                flops / (double) productNanos,
                100.0 * productNanos / 1e9 / total);
        printBreakdown(out, nanos, total, epochs);
        return 0;
    }

    /**
     * The processor time this JVM has used, on all its threads (OpenBLAS's own threads included),
     * in nanoseconds: on a machine shared with other work, the figure the other work disturbs least.
     */
    private static long processorNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Where an epoch's time goes: each kind of the engine's work (timed on the training thread, so
     * what the second core did meanwhile is inside it), and the rest as "other" (the bricks' own
     * loops such as softmax and sigmoid, the graph, the trainer).
     */
    private static void printBreakdown(PrintWriter out, long[] nanos, double total, int epochs) {
        out.printf("where an epoch's time goes (mean of the timed epochs):%n");
        double counted = 0;
        for (Engine.Work w : Engine.Work.values()) {
            double s = nanos[w.ordinal()] / 1e9;
            counted += s;
            out.printf("  %-14s %7.3f s %4.0f%%%n", w.label(), s / epochs, 100 * s / total);
        }
        double other = Math.max(0, total - counted);
        out.printf("  %-14s %7.3f s %4.0f%%%n", "other", other / epochs, 100 * other / total);
    }
}

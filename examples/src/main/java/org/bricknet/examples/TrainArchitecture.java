package org.bricknet.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.training.LearningRateSchedule;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;

/**
 * Trains a network written as an architecture file on the embedded digits with the file's own
 * {@code training} settings (Adam at its book rate and 10 epochs of 100 where it says nothing; its
 * learning-rate schedule when it gives one), then
 * saves it with its architecture, reads it back without code, and checks it scores the same:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp examples/target/bricknet.jar \
 *     org.bricknet.examples.TrainArchitecture examples/architectures/residual-mlp.json [EPOCHS] [SEED]
 * </pre>
 */
public final class TrainArchitecture {
    private TrainArchitecture() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: TrainArchitecture FILE.json [EPOCHS] [SEED]");
            System.exit(2);
        }
        try {
            run(
                    Path.of(args[0]),
                    args.length > 1 ? Integer.parseInt(args[1]) : 0,
                    args.length > 2 ? Long.parseLong(args[2]) : 42);
        } catch (BadFileException | IllegalArgumentException e) {
            System.err.println("TrainArchitecture: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Trains for {@code epochs} (the file's when 0) and returns the final test accuracy. */
    public static double run(Path file, int epochs, long seed) throws IOException {
        Architecture a = Architecture.read(file);
        Architecture.Training t = a.training().orElse(Architecture.Training.NONE);
        String optimizer = t.optimizer() == null ? "adam" : t.optimizer();
        double rate = t.learningRate() == null ? Optimizers.defaultLearningRate(optimizer) : t.learningRate();
        int n = epochs > 0 ? epochs : t.epochs() == null ? 10 : t.epochs();
        Network net = new Network(a.build(new Random(seed)));
        if (t.weightDecay() != null) {
            net.withWeightDecay(t.weightDecay());
        }
        int[] shape = a.inputs().values().iterator().next();
        Mnist.Split digits = Datasets.mnist10k();
        Dataset train = shaped(digits.train(), shape);
        Dataset test = shaped(digits.test(), shape);
        System.out.println(net.graph().summary());
        System.out.printf(
                Locale.ROOT,
                "%s: %s at %s%s, %d epochs of %d%n",
                file,
                optimizer,
                rate,
                t.schedule() == null ? "" : ", schedule " + t.schedule(),
                n,
                batch(t));
        long start = System.nanoTime();
        TrainingHistory h = new Trainer(net, Optimizers.create(optimizer, rate))
                .epochs(n)
                .batchSize(batch(t))
                .seed(seed)
                .evaluateOn(test)
                .schedule(t.schedule() == null ? null : LearningRateSchedule.parse(t.schedule()))
                .fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = h.last().testAccuracy();
        Path saved = Path.of(file.getFileName().toString().replace(".json", "") + ".safetensors");
        ModelFiles.saveGraph(saved, net);
        double again = ModelFiles.loadGraph(saved).accuracy(test.inputs(), test.targets());
        System.out.printf(
                Locale.ROOT,
                "final test accuracy %.2f%% after %d epochs, %.1f s; saved to %s, read back without code: %.2f%%%n",
                100 * accuracy,
                n,
                seconds,
                saved,
                100 * again);
        return accuracy;
    }

    private static int batch(Architecture.Training t) {
        return t.batchSize() == null ? 100 : t.batchSize();
    }

    /** The digits as the architecture's input takes them: rows of 784, or images of (C, H, W). */
    static Dataset shaped(Dataset d, int[] shape) {
        return shape.length == 3 ? d.asImages(shape[0], shape[1], shape[2]) : d.flat();
    }
}

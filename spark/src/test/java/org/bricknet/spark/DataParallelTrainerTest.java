package org.bricknet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.training.Sampling;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Data-parallel mini-batches take the single machine's steps: the same batches for the same seed,
 * the gradient of the same examples, so the weights end where {@link Trainer}'s do up to rounding;
 * and checkpoints resume to the last bit.
 */
@Tag("slow")
class DataParallelTrainerTest {
    private static Dataset train;
    private static Dataset test;
    private static ExampleSet trainSet;
    private static ExampleSet testSet;

    @BeforeAll
    static void data() {
        train = SharedSpark.digits().train().slice(0, 1000);
        test = SharedSpark.digits().test().slice(0, 300);
        trainSet = ExampleSet.of(SharedSpark.context(), train, 3, 128, "digits 0-999");
        testSet = ExampleSet.of(SharedSpark.context(), test, 2, 128, "test digits 0-299");
    }

    @AfterAll
    static void drop() {
        trainSet.unpersist();
        testSet.unpersist();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"sgd, SHUFFLE, 0.1", "adam, DRAW, 0.003"})
    void twoEpochsEndWhereTheSingleMachineDoes(String optimizer, Sampling sampling, double lr) {
        NetworkSource source = () -> SharedSpark.sigmoidWithDecay(3);
        Network one = source.build();
        TrainingHistory h1 = new Trainer(one, Optimizers.create(optimizer, lr))
                .epochs(2)
                .batchSize(64)
                .seed(11)
                .sampling(sampling)
                .evaluateOn(test)
                .quiet()
                .fit(train);
        Network many = source.build();
        TrainingHistory h2 = new DataParallelTrainer(many, source, Optimizers.create(optimizer, lr))
                .epochs(2)
                .batchSize(64)
                .seed(11)
                .sampling(sampling)
                .evaluateOn(testSet)
                .quiet()
                .fit(trainSet);
        double worst = 0;
        double scale = 0;
        for (String k : one.parameters().keySet()) {
            double[] a = one.parameters().get(k).value().data();
            double[] b = many.parameters().get(k).value().data();
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
                scale = Math.max(scale, Math.abs(a[i]));
            }
        }
        System.out.printf(
                "%s %s: weights differ by at most %.2e (max |w| %.2e); mean loss %.17g vs %.17g%n",
                optimizer,
                sampling,
                worst,
                scale,
                h1.last().meanLoss(),
                h2.last().meanLoss());
        assertTrue(worst <= 1e-12 * scale, "weights differ by " + worst);
        for (int e = 0; e < 2; e++) {
            assertEquals(h1.meanLosses()[e], h2.meanLosses()[e], 1e-12 * h1.meanLosses()[e]);
            assertEquals(h1.trainAccuracies()[e], h2.trainAccuracies()[e]);
            assertEquals(h1.testAccuracies()[e], h2.testAccuracies()[e]);
        }
    }

    @Test
    void imagesTrainThroughAConvolutionAsOnOneMachine() {
        Dataset images = train.slice(0, 256).asImages(1, 28, 28);
        ExampleSet set = ExampleSet.of(SharedSpark.context(), train.slice(0, 256), 2, 128, "digits 0-255")
                .withExampleShape(1, 28, 28);
        try {
            NetworkSource source = () -> {
                java.util.Random random = new java.util.Random(8);
                return new Network()
                        .add("Conv1", new org.bricknet.layers.Convolution(4, 1, 5, 5, 1, 0, 0.1, random))
                        .add("Relu1", new org.bricknet.layers.Relu())
                        .add("Pool1", new org.bricknet.layers.MaxPooling(2, 2, 2, 0))
                        .add("Affine2", new org.bricknet.layers.Affine(4 * 12 * 12, 10, 0.05, random))
                        .withLoss(new org.bricknet.losses.SoftmaxWithLoss());
            };
            Network one = source.build();
            new Trainer(one, Optimizers.create("sgd", 0.1))
                    .epochs(1)
                    .batchSize(32)
                    .seed(2)
                    .trainAccuracy(false)
                    .quiet()
                    .fit(images);
            Network many = source.build();
            new DataParallelTrainer(many, source, Optimizers.create("sgd", 0.1))
                    .epochs(1)
                    .batchSize(32)
                    .seed(2)
                    .trainAccuracy(false)
                    .quiet()
                    .fit(set);
            for (String k : one.parameters().keySet()) {
                double[] a = one.parameters().get(k).value().data();
                double[] b = many.parameters().get(k).value().data();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-12, k + "[" + i + "]");
                }
            }
        } finally {
            set.unpersist();
        }
    }

    @Test
    void aResumedRunEndsBitForBitWhereTheUninterruptedOneDoes(@TempDir Path dir) throws Exception {
        NetworkSource source = () -> SharedSpark.twoLayer(5);
        Network straight = source.build();
        new DataParallelTrainer(straight, source, Optimizers.create("momentum", 0.05))
                .epochs(3)
                .batchSize(100)
                .seed(9)
                .trainAccuracy(false)
                .quiet()
                .fit(trainSet);

        Network first = source.build();
        new DataParallelTrainer(first, source, Optimizers.create("momentum", 0.05))
                .epochs(2)
                .batchSize(100)
                .seed(9)
                .trainAccuracy(false)
                .quiet()
                .checkpointTo(dir, Map.of("model", "test"))
                .fit(trainSet);
        assertTrue(Files.exists(dir.resolve("checkpoint.safetensors")));

        Network resumed = source.build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainingHistory h = new DataParallelTrainer(resumed, source, Optimizers.create("momentum", 0.05))
                .epochs(3)
                .trainAccuracy(false)
                .output(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .resumeFrom(dir)
                .fit(trainSet);
        assertEquals(3, h.size());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("Epoch 3 complete: loss "), printed);
        for (String k : straight.parameters().keySet()) {
            assertArrayEquals(
                    straight.parameters().get(k).value().data(),
                    resumed.parameters().get(k).value().data(),
                    k);
        }
    }
}

package org.bricknet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A network over a graph trains on Spark as a chain does: {@code residual-branches.json} (a
 * residual block of Affine, Relu, Affine and an {@code Add} of the block's input, then two branches
 * joined by {@code Concat}), built by {@link ArchitectureSource}, gives through
 * {@link SparkNetworkFunction} the single-machine {@link NetworkFunction}'s loss and gradient on 1, 2
 * and 7 partitions, and {@link DataParallelTrainer} ends where {@link Trainer} does for the same
 * batches. Graphs whose rows are coupled are refused, naming the node inside its block.
 */
@Tag("slow")
class GraphNetworkTest {
    private static ArchitectureSource source;
    private static Dataset train;

    @BeforeAll
    static void data() throws IOException {
        try (InputStream in = GraphNetworkTest.class.getResourceAsStream("residual-branches.json")) {
            source = new ArchitectureSource(new String(in.readAllBytes(), StandardCharsets.UTF_8), 42);
        }
        train = SharedSpark.digits().train();
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 7})
    void lossAndGradientEqualTheSingleMachineOnes(int partitions) {
        ExampleSet set = ExampleSet.of(SharedSpark.context(), train, partitions, 128, "digits");
        try {
            Network net = source.build().withWeightDecay(1e-3);
            assertTrue(
                    net.parameters().containsKey("res1.fc2.W"),
                    net.parameters().keySet().toString());
            NetworkFunction single =
                    new NetworkFunction(source.build().withWeightDecay(1e-3), train.inputs(), train.targets());
            SparkNetworkFunction spark = new SparkNetworkFunction(net, source, set);
            double scale = SparkNetworkFunctionTest.assertSameAsOneMachine(single, spark, partitions, "graph, ");
            assertTrue(scale > 0, "the gradient is zero");
        } finally {
            set.unpersist();
        }
    }

    @Test
    void dataParallelAdamEndsWhereTheSingleMachineDoes() {
        Dataset part = train.slice(0, 1000);
        Dataset test = SharedSpark.digits().test().slice(0, 300);
        ExampleSet trainSet = ExampleSet.of(SharedSpark.context(), part, 3, 128, "digits 0-999");
        ExampleSet testSet = ExampleSet.of(SharedSpark.context(), test, 2, 128, "test digits 0-299");
        try {
            Network one = source.build().withWeightDecay(1e-3);
            Network start = source.build();
            TrainingHistory h1 = new Trainer(one, Optimizers.create("adam", 0.003))
                    .epochs(2)
                    .batchSize(64)
                    .seed(11)
                    .evaluateOn(test)
                    .quiet()
                    .fit(part);
            Network many = source.build().withWeightDecay(1e-3);
            TrainingHistory h2 = new DataParallelTrainer(many, source, Optimizers.create("adam", 0.003))
                    .epochs(2)
                    .batchSize(64)
                    .seed(11)
                    .evaluateOn(testSet)
                    .quiet()
                    .fit(trainSet);
            double worst = 0;
            double scale = 0;
            double moved = 0;
            for (String k : one.parameters().keySet()) {
                double[] a = one.parameters().get(k).value().data();
                double[] b = many.parameters().get(k).value().data();
                double[] s = start.parameters().get(k).value().data();
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                    scale = Math.max(scale, Math.abs(a[i]));
                    moved = Math.max(moved, Math.abs(a[i] - s[i]));
                }
            }
            System.out.printf(
                    "graph, adam: weights differ by at most %.2e (max |w| %.2e, moved %.2e); test accuracy %.4f%n",
                    worst, scale, moved, h2.last().testAccuracy());
            assertTrue(moved > 1e-3, "training did not move the weights");
            assertTrue(worst <= 1e-12 * scale, "weights differ by " + worst);
            for (int e = 0; e < 2; e++) {
                assertEquals(h1.meanLosses()[e], h2.meanLosses()[e], 1e-12 * h1.meanLosses()[e]);
                assertEquals(h1.trainAccuracies()[e], h2.trainAccuracies()[e]);
                assertEquals(h1.testAccuracies()[e], h2.testAccuracies()[e]);
            }
        } finally {
            trainSet.unpersist();
            testSet.unpersist();
        }
    }

    @Test
    void aGraphWhoseRowsAreCoupledIsRefusedNamingTheNode() {
        String text = source.json()
                .replace(
                        "{\"name\": \"relu\", \"type\": \"Relu\", \"takes\": [\"fc1\"]}",
                        "{\"name\": \"relu\", \"type\": \"Dropout\", \"takes\": [\"fc1\"]}");
        assertTrue(text.contains("Dropout"), "the replacement found nothing to replace");
        ArchitectureSource dropout = new ArchitectureSource(text, 1);
        ExampleSet set = ExampleSet.of(SharedSpark.context(), train.slice(0, 100), 2, 128, "digits 0-99");
        try {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new DataParallelTrainer(dropout.build(), dropout, Optimizers.create("sgd", 0.1)));
            assertEquals(
                    "DataParallelTrainer: layer 'res1/relu' draws random numbers (dropout), so each partition would"
                            + " draw its own; train it on one machine",
                    e.getMessage());
            e = assertThrows(
                    IllegalArgumentException.class, () -> new SparkNetworkFunction(dropout.build(), dropout, set));
            assertTrue(e.getMessage().startsWith("SparkNetworkFunction: layer 'res1/relu' draws"), e.getMessage());
        } finally {
            set.unpersist();
        }
    }

    @Test
    void aSourceOfTextThatIsNoArchitectureIsRefusedWhenMade() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ArchitectureSource("{\"format\": 1}", 1));
        assertTrue(
                e.getMessage().startsWith("ArchitectureSource: the architecture of an ArchitectureSource"),
                e.getMessage());
    }
}

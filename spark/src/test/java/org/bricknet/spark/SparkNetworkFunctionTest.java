package org.bricknet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.OptimizeResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full-batch function over Spark equals the single-machine {@link NetworkFunction} on the
 * 8,000 embedded training digits split into 1, 2 and 7 partitions: value and gradient to a
 * relative 1e-12 (of the loss, and of the largest gradient element), and the loss after 20
 * L-BFGS iterations to a relative 1e-9.
 */
@Tag("slow")
class SparkNetworkFunctionTest {
    private static final NetworkSource TWO_LAYER = () -> SharedSpark.twoLayer(42);
    private static final Map<Integer, ExampleSet> SPLITS = new HashMap<>();
    private static Dataset train;
    private static OptimizeResult singleMachine;

    @BeforeAll
    static void data() {
        train = SharedSpark.digits().train();
        for (int p : new int[] {1, 2, 7}) {
            SPLITS.put(p, ExampleSet.of(SharedSpark.context(), train, p, 128, "digits"));
        }
        NetworkFunction single = new NetworkFunction(TWO_LAYER.build(), train.inputs(), train.targets());
        singleMachine = new Lbfgs().maxIterations(20).minimize(single, single.parameters());
    }

    @AfterAll
    static void drop() {
        SPLITS.values().forEach(ExampleSet::unpersist);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 7})
    void lossAndGradientEqualTheSingleMachineOnes(int partitions) {
        for (NetworkSource source : new NetworkSource[] {TWO_LAYER, () -> SharedSpark.sigmoidWithDecay(7)}) {
            NetworkFunction single = new NetworkFunction(source.build(), train.inputs(), train.targets());
            SparkNetworkFunction spark = new SparkNetworkFunction(source.build(), source, SPLITS.get(partitions));
            assertSameAsOneMachine(single, spark, partitions, "");
            assertEquals(1, spark.evaluations());
        }
    }

    /**
     * At a point near the network's own (its parameters moved by N(0, 0.05²), seeded by
     * {@code partitions}), the Spark loss and gradient equal the single machine's to a relative
     * 1e-12; returns the largest |gradient element|, the gradient's scale.
     */
    static double assertSameAsOneMachine(
            NetworkFunction single, SparkNetworkFunction spark, int partitions, String label) {
        double[] x = single.parameters();
        Random random = new Random(partitions);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.05 * random.nextGaussian();
        }
        double[] g1 = new double[x.length];
        double[] g2 = new double[x.length];
        double f1 = single.valueAndGradient(x, g1);
        double f2 = spark.valueAndGradient(x, g2);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            scale = Math.max(scale, Math.abs(g1[i]));
            worst = Math.max(worst, Math.abs(g1[i] - g2[i]));
        }
        System.out.printf(
                "%s%d partitions: loss %.17g vs %.17g (rel %.1e), gradient max diff %.1e of max %.1e%n",
                label, partitions, f1, f2, Math.abs(f1 - f2) / Math.abs(f1), worst, scale);
        assertEquals(f1, f2, 1e-12 * Math.abs(f1), "loss");
        assertTrue(worst <= 1e-12 * scale, "gradient differs by " + worst + ", max |g| " + scale);
        return scale;
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 7})
    void twentyLbfgsIterationsEndAtTheSingleMachineLoss(int partitions) {
        SparkNetworkFunction spark = new SparkNetworkFunction(TWO_LAYER.build(), TWO_LAYER, SPLITS.get(partitions));
        OptimizeResult r = new Lbfgs().maxIterations(20).minimize(spark, spark.parameters());
        double f = singleMachine.fun();
        System.out.printf(
                "L-BFGS on %d partitions: %d iterations, loss %.17g vs %.17g (rel %.1e)%n",
                partitions, r.nit(), f, r.fun(), Math.abs(f - r.fun()) / f);
        assertEquals(20, singleMachine.nit());
        assertEquals(20, r.nit());
        assertEquals(f, r.fun(), 1e-9 * f);
        assertTrue(f < 0.5, "20 iterations should train: loss " + f);
    }

    @Test
    void theTreeDepthChangesNothing() {
        ExampleSet data = SPLITS.get(7);
        double[] x = new NetworkFunction(TWO_LAYER.build(), train.inputs(), train.targets()).parameters();
        double[] g1 = new double[x.length];
        double[] g3 = new double[x.length];
        double f1 = new SparkNetworkFunction(TWO_LAYER.build(), TWO_LAYER, data)
                .depth(1)
                .valueAndGradient(x, g1);
        double f3 = new SparkNetworkFunction(TWO_LAYER.build(), TWO_LAYER, data)
                .depth(3)
                .valueAndGradient(x, g3);
        assertEquals(f1, f3, 0.0);
        assertEquals(java.util.Arrays.toString(g1), java.util.Arrays.toString(g3));
    }

    @Test
    void aNetworkWhoseRowsAreCoupledIsRefused() {
        NetworkSource dropout = () -> new Network()
                .add("Affine1", new org.bricknet.layers.Affine(784, 10, 0.01, new Random(1)))
                .add("Dropout1", new org.bricknet.layers.Dropout(0.5, new Random(2)))
                .withLoss(new org.bricknet.losses.SoftmaxWithLoss());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new SparkNetworkFunction(dropout.build(), dropout, SPLITS.get(2)));
        assertEquals(
                "SparkNetworkFunction: layer 'Dropout1' draws random numbers (dropout), so each partition would"
                        + " draw its own; train it on one machine",
                e.getMessage());
        NetworkSource other = () -> SharedSpark.sigmoidWithDecay(1);
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new SparkNetworkFunction(TWO_LAYER.build(), other, SPLITS.get(2)));
        assertTrue(
                e.getMessage()
                        .startsWith("the NetworkSource builds a network of another form: parameters [W1(784, 30)"),
                e.getMessage());
    }
}

package org.bricknet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.OptimizeResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full-batch function over Spark equals the single-machine {@link NetworkFunction} on the
 * 8,000 embedded training digits, split into 1, 2 and 7 partitions.
 */
@Tag("slow")
class SparkNetworkFunctionTest {

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 7})
    void lossAndGradientEqualTheSingleMachineOnes(int partitions) {
        Dataset train = SharedSpark.digits().train();
        ExampleSet data = ExampleSet.of(SharedSpark.context(), train, partitions, 128, "digits");
        try {
            for (NetworkSource source :
                    new NetworkSource[] {() -> SharedSpark.twoLayer(42), () -> SharedSpark.sigmoidWithDecay(7)}) {
                Network one = source.build();
                NetworkFunction single = new NetworkFunction(one, train.inputs(), train.targets());
                SparkNetworkFunction spark = new SparkNetworkFunction(source.build(), source, data);
                double[] x = single.parameters();
                Random random = new Random(partitions);
                for (int i = 0; i < x.length; i++) {
                    x[i] += 0.05 * random.nextGaussian();
                }
                double[] g1 = new double[x.length];
                double[] g2 = new double[x.length];
                double f1 = single.valueAndGradient(x, g1);
                double f2 = spark.valueAndGradient(x, g2);
                assertEquals(f1, f2, 1e-12 * Math.abs(f1), "loss");
                double scale = 0;
                double worst = 0;
                for (int i = 0; i < x.length; i++) {
                    scale = Math.max(scale, Math.abs(g1[i]));
                    worst = Math.max(worst, Math.abs(g1[i] - g2[i]));
                }
                System.out.printf(
                        "%d partitions: loss %.17g vs %.17g (rel %.2e), gradient max diff %.2e of max %.2e%n",
                        partitions, f1, f2, Math.abs(f1 - f2) / Math.abs(f1), worst, scale);
                assertTrue(worst <= 1e-12 * scale, "gradient differs by " + worst + ", max |g| " + scale);
            }
        } finally {
            data.unpersist();
        }
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {2, 7})
    void twentyLbfgsIterationsEndAtTheSingleMachineLoss(int partitions) {
        Dataset train = SharedSpark.digits().train();
        ExampleSet data = ExampleSet.of(SharedSpark.context(), train, partitions, 128, "digits");
        try {
            NetworkSource source = () -> SharedSpark.twoLayer(42);
            Network one = source.build();
            NetworkFunction single = new NetworkFunction(one, train.inputs(), train.targets());
            OptimizeResult r1 = new Lbfgs().maxIterations(20).minimize(single, single.parameters());
            SparkNetworkFunction spark = new SparkNetworkFunction(source.build(), source, data);
            OptimizeResult r2 = new Lbfgs().maxIterations(20).minimize(spark, spark.parameters());
            System.out.printf(
                    "L-BFGS on %d partitions: %d iterations, loss %.17g vs %.17g (rel %.2e)%n",
                    partitions, r2.nit(), r1.fun(), r2.fun(), Math.abs(r1.fun() - r2.fun()) / r1.fun());
            assertEquals(20, r1.nit());
            assertEquals(r1.nit(), r2.nit());
            assertEquals(r1.fun(), r2.fun(), 1e-9 * r1.fun());
        } finally {
            data.unpersist();
        }
    }
}

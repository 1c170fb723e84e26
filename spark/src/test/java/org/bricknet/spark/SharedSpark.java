package org.bricknet.spark;

import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.bricknet.core.Network;
import org.bricknet.core.io.Mnist;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Relu;
import org.bricknet.layers.Sigmoid;
import org.bricknet.losses.MeanSquaredError;
import org.bricknet.losses.SoftmaxWithLoss;

/**
 * The one Spark session of the module's tests ({@code local[2]}, no UI, bound to 127.0.0.1):
 * starting one takes seconds, so every test class shares it; it stops when the test JVM ends.
 * Also the networks and data the tests share.
 */
final class SharedSpark {
    private static SparkSession session;
    private static Mnist.Split digits;

    private SharedSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("bricknet-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            SparkSession s = session;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    static synchronized Mnist.Split digits() {
        if (digits == null) {
            digits = EmbeddedDigits.load();
        }
        return digits;
    }

    /** The book's TwoLayerNet (784-50-10, ReLU, softmax), weights N(0, 0.01²) from {@code seed}. */
    static Network twoLayer(long seed) {
        Random random = new Random(seed);
        return new Network()
                .add("Affine1", new Affine(784, 50, 0.01, random))
                .add("Relu1", new Relu())
                .add("Affine2", new Affine(50, 10, 0.01, random))
                .withLoss(new SoftmaxWithLoss());
    }

    /** A sigmoid network with the quadratic cost (Nielsen's), weights N(0, 0.1²), and weight decay. */
    static Network sigmoidWithDecay(long seed) {
        Random random = new Random(seed);
        return new Network()
                .add("Affine1", new Affine(784, 30, 0.1, random))
                .add("Sigmoid1", new Sigmoid())
                .add("Affine2", new Affine(30, 10, 0.1, random))
                .add("Sigmoid2", new Sigmoid())
                .withLoss(new MeanSquaredError())
                .withWeightDecay(1e-3);
    }
}

package org.bricknet.layers.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Engine;
import org.bricknet.layers.Convolution;
import org.bricknet.layers.WeightInit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Forward + backward throughput of SimpleConvNet's first layer: 30 filters 5x5 over a batch of 100
 * random 1 x 28 x 28 images (stride 1, pad 0), in images per second (one JMH operation = one image).
 * {@code forwardBackwardFirstLayer} skips the input gradient, as Network does for its first layer
 * in training. From the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl layers -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * OPENBLAS_NUM_THREADS=1 java --add-modules jdk.incubator.vector \
 *     -cp layers/target/test-classes:layers/target/classes:$(cat /tmp/cp.txt) \
 *     org.bricknet.layers.bench.ConvolutionBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvolutionBenchmark {
    private static final int BATCH = 100;

    private Convolution conv;
    private Convolution first;
    private Tensor x;
    private Tensor dout;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        conv = new Convolution(30, 1, 5, 5, 1, 0, WeightInit.he(), r);
        first = new Convolution(30, 1, 5, 5, 1, 0, WeightInit.he(), r);
        first.setInputGradientNeeded(false);
        x = Tensor.uniform(r, 0, 1, BATCH, 1, 28, 28);
        dout = Tensor.randn(r, 1.0, BATCH, 30, 24, 24);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Tensor forwardBackward() {
        conv.forward(x);
        return conv.backward(dout);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object forwardBackwardFirstLayer() {
        first.forward(x);
        first.backward(dout);
        return first.weights().grad();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Tensor forwardOnly() {
        return conv.forward(x);
    }

    public static void main(String[] args) throws Exception {
        System.out.println("BLAS: " + Engine.implementation());
        new Runner(new OptionsBuilder()
                        .include(ConvolutionBenchmark.class.getName())
                        .build())
                .run();
    }
}

package org.bricknet.layers.bench;

import java.util.concurrent.TimeUnit;
import org.bricknet.core.Graph;
import org.bricknet.core.GraphBuilder;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.layers.Add;
import org.bricknet.layers.Relu;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the graph engine costs per node: forward and backward through a chain of {@value #NODES}
 * ReLUs on a 1 x 4 tensor (so the bricks' own work is a few nanoseconds), run by a {@link Graph}
 * against the same bricks called one after the other by hand; and the same with every second node
 * an {@link Add} of the node before it and the one before that (fan-out: the graph sums
 * gradients in its buffers). The per-node overhead is the difference divided by the node count.
 * Run as {@link ConvolutionBenchmark} says, with this class's name.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GraphOverheadBenchmark {
    static final int NODES = 64;

    private Layer[] byHand;
    private Graph chain;
    private Graph merges;
    private Tensor x;
    private Tensor dout;

    @Setup
    public void setUp() {
        x = Tensor.matrix(new double[][] {{0.5, -0.25, 1.5, 2}});
        dout = Tensor.matrix(new double[][] {{1, 1, 1, 1}});
        byHand = new Layer[NODES];
        GraphBuilder b = Graph.builder().input("x", 4);
        String previous = "x";
        for (int i = 0; i < NODES; i++) {
            byHand[i] = new Relu();
            b.node("relu" + i, new Relu(), previous);
            previous = "relu" + i;
        }
        chain = b.output(previous).build();
        chain.setInputGradientNeeded(true);
        GraphBuilder m = Graph.builder().input("x", 4).node("n0", new Relu(), "x");
        for (int i = 1; i < NODES; i++) {
            String before = i == 1 ? "x" : "n" + (i - 2);
            m.node(
                    "n" + i,
                    i % 2 == 0 ? new Add() : new Relu(),
                    i % 2 == 0 ? new String[] {"n" + (i - 1), before} : new String[] {"n" + (i - 1)});
        }
        merges = m.output("n" + (NODES - 1)).build();
        merges.setInputGradientNeeded(true);
    }

    @Benchmark
    public Tensor bricksCalledByHand() {
        Tensor y = x;
        for (Layer l : byHand) {
            y = l.forward(y);
        }
        Tensor d = dout;
        for (int i = byHand.length - 1; i >= 0; i--) {
            d = byHand[i].backward(d);
        }
        return d;
    }

    @Benchmark
    public Tensor chainByTheGraph() {
        chain.forward(x);
        return chain.backward(dout);
    }

    @Benchmark
    public Tensor mergesByTheGraph() {
        merges.forward(x);
        return merges.backward(dout);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder()
                        .include(GraphOverheadBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}

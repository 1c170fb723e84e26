package org.bricknet.examples;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.TensorFormat;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.inspect.Trace;

/**
 * Backprop watched brick by brick: a {@link Trace} of the book's {@link TwoLayerNet} on 100
 * embedded digits (a row of statistics per brick and direction), then a network small enough to
 * print every tensor of its forward and backward pass (4 inputs, 3 hidden units, 2 classes, 2
 * examples).
 */
public final class TraceDemo {
    private TraceDemo() {}

    public static void main(String... args) {
        Dataset batch = Datasets.mnist10k().train().slice(0, 100);
        Network net = new TwoLayerNet(784, 50, 10, new Random(42));
        System.out.println("TwoLayerNet(784, 50, 10), one mini-batch of 100 embedded digits, training mode:");
        System.out.println(Trace.of(net, batch.inputs(), batch.targets(), false));
        System.out.println();
        Network tiny = new TwoLayerNet(4, 3, 2, new Random(1));
        Tensor x = Tensor.matrix(new double[][] {{0.5, -1, 2, 0}, {1, 1, -1, 0.25}});
        Trace t = Trace.of(tiny, x, Tensor.vector(0, 1), true);
        System.out.println("TwoLayerNet(4, 3, 2) on two examples, every tensor:");
        System.out.println(t);
        System.out.println();
        System.out.print(t.values(TensorFormat.DEFAULT));
    }
}

package org.bricknet.examples.cli;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.examples.NielsenNetwork;
import org.bricknet.examples.SimpleConvNet;
import org.bricknet.examples.TwoLayerNet;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Relu;
import org.bricknet.losses.SoftmaxWithLoss;

/** The networks {@code bench} times, each with its batch size and learning rate. */
enum Workload {
    TWO_LAYER("two-layer", 100, 0.1),
    WIDE("wide", 100, 0.1),
    NIELSEN("nielsen", 10, 3.0),
    CNN("cnn", 100, 0.1);

    final String label;
    final int batch;
    final double lr;

    Workload(String label, int batch, double lr) {
        this.label = label;
        this.batch = batch;
        this.lr = lr;
    }

    @Override
    public String toString() {
        return label;
    }

    String describe() {
        return switch (this) {
            case TWO_LAYER -> "TwoLayerNet 784-50-10, ReLU, softmax";
            case WIDE -> "784-256-256-10, ReLU, softmax";
            case NIELSEN -> "NielsenNetwork 784-30-10, sigmoid, quadratic cost";
            case CNN -> "SimpleConvNet conv 30x5x5 - pool - 100 - 10";
        };
    }

    Network build(Dataset train, Random random) {
        int in = train.inputs().cols();
        int k = train.classes();
        return switch (this) {
            case TWO_LAYER -> new TwoLayerNet(in, 50, k, random);
            case WIDE -> new Network()
                    .add("Affine1", new Affine(in, 256, Math.sqrt(2.0 / in), random)).add("Relu1", new Relu())
                    .add("Affine2", new Affine(256, 256, Math.sqrt(2.0 / 256), random)).add("Relu2", new Relu())
                    .add("Affine3", new Affine(256, k, Math.sqrt(2.0 / 256), random))
                    .withLoss(new SoftmaxWithLoss());
            case NIELSEN -> new NielsenNetwork(random, in, 30, k);
            case CNN -> new SimpleConvNet(1, side(in), side(in), 100, k, random);
        };
    }

    Dataset input(Dataset train) {
        if (this != CNN) {
            return train;
        }
        int side = side(train.inputs().cols());
        return train.asImages(1, side, side);
    }

    private static int side(int pixels) {
        int s = (int) Math.round(Math.sqrt(pixels));
        if (s * s != pixels) {
            throw new IllegalArgumentException("bench: expected square images, got " + pixels + " values per example");
        }
        return s;
    }
}

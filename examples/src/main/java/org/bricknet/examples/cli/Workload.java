package org.bricknet.examples.cli;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.examples.NielsenNetwork;
import org.bricknet.examples.TwoLayerNet;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Relu;
import org.bricknet.losses.SoftmaxWithLoss;

/** The networks {@code bench} times, each with its batch size and learning rate. */
enum Workload {
    TWO_LAYER("two-layer", 100, 0.1),
    WIDE("wide", 100, 0.1),
    NIELSEN("nielsen", 10, 3.0);

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
        };
    }

    Dataset input(Dataset train) {
        return train;
    }
}

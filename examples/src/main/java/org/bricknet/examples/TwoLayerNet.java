package org.bricknet.examples;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Relu;
import org.bricknet.losses.SoftmaxWithLoss;

/**
 * The book's two-layer network: {@code Affine1 → Relu1 → Affine2 → SoftmaxWithLoss}, with
 * parameters {@code W1, b1, W2, b2}; weights drawn from N(0, weightInitStd²), biases zero.
 * Everything else ({@code predict}, {@code loss}, {@code accuracy}, {@code gradient},
 * {@code numericalGradient}) is the general {@link Network}.
 */
public class TwoLayerNet extends Network {
    /** The book's default weight scale. */
    public static final double WEIGHT_INIT_STD = 0.01;

    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, double weightInitStd, Random random) {
        add("Affine1", new Affine(inputSize, hiddenSize, weightInitStd, random));
        add("Relu1", new Relu());
        add("Affine2", new Affine(hiddenSize, outputSize, weightInitStd, random));
        withLoss(new SoftmaxWithLoss());
    }

    public TwoLayerNet(int inputSize, int hiddenSize, int outputSize, Random random) {
        this(inputSize, hiddenSize, outputSize, WEIGHT_INIT_STD, random);
    }
}

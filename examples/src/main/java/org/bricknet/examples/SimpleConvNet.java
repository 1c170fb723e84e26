package org.bricknet.examples;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Convolution;
import org.bricknet.layers.MaxPooling;
import org.bricknet.layers.Relu;
import org.bricknet.layers.WeightInit;
import org.bricknet.losses.SoftmaxWithLoss;

/**
 * The book's {@code SimpleConvNet}: {@code Conv1} (30 filters 5×5, stride 1, pad 0) → {@code Relu1}
 * → {@code Pool1} (max 2×2, stride 2) → {@code Affine1} (100) → {@code Relu2} → {@code Affine2}
 * (10) → {@code SoftmaxWithLoss}, He-initialised; parameters {@code W1, b1} (conv),
 * {@code W2, b2}, {@code W3, b3} as in the book. Inputs are {@code N x C x H x W}.
 */
public class SimpleConvNet extends Network {
    public static final int FILTERS = 30;
    public static final int KERNEL = 5;

    public SimpleConvNet(int channels, int height, int width, int hidden, int classes, Random random) {
        int oh = height - KERNEL + 1;
        int ow = width - KERNEL + 1;
        if (oh < 2 || ow < 2) {
            throw new IllegalArgumentException(
                    "SimpleConvNet: expected images of at least 6x6, got " + height + "x" + width);
        }
        int pooled = FILTERS * (oh / 2) * (ow / 2);
        WeightInit he = WeightInit.he();
        add("Conv1", new Convolution(FILTERS, channels, KERNEL, KERNEL, 1, 0, he, random), "W1", "b1");
        add("Relu1", new Relu());
        add("Pool1", new MaxPooling(2, 2, 2, 0));
        add("Affine1", new Affine(pooled, hidden, he, random), "W2", "b2");
        add("Relu2", new Relu());
        add("Affine2", new Affine(hidden, classes, he, random), "W3", "b3");
        withLoss(new SoftmaxWithLoss());
    }

    /** For 1×28×28 digits: 100 hidden units, 10 classes. */
    public SimpleConvNet(Random random) {
        this(1, 28, 28, 100, 10, random);
    }
}

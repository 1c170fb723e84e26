package org.bricknet.examples;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Sigmoid;
import org.bricknet.losses.MeanSquaredError;

/**
 * Michael Nielsen's {@code network.py}: sigmoid layers of the given sizes (e.g. 784, 30, 10),
 * weights and biases drawn from N(0, 1), the quadratic cost. Layer {@code i} is
 * {@code Affine<i>} followed by {@code Sigmoid<i>}, so the parameters are {@code W1, b1, W2, b2,
 * ...}. It computes by whole mini-batches through the bricks, not example by example.
 */
public class NielsenNetwork extends Network {
    private final int[] sizes;

    public NielsenNetwork(Random random, int... sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("NielsenNetwork: expected at least two layer sizes, got "
                    + sizes.length);
        }
        this.sizes = sizes.clone();
        for (int i = 1; i < sizes.length; i++) {
            add("Affine" + i, new Affine(org.bricknet.core.Tensor.randn(random, 1.0, sizes[i - 1], sizes[i]),
                    org.bricknet.core.Tensor.randn(random, 1.0, sizes[i])));
            add("Sigmoid" + i, new Sigmoid());
        }
        withLoss(new MeanSquaredError());
    }

    /** The layer sizes, input first. */
    public int[] sizes() {
        return sizes.clone();
    }
}

package org.bricknet.optim;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Relu;
import org.bricknet.losses.SoftmaxWithLoss;

/**
 * Two Gaussian blobs in the plane, class 0 around (−1.5, −1.5) and class 1 around (1.5, 1.5), each
 * with standard deviation 1 per axis: separable but for the few points past the diagonal (the
 * Bayes error is Φ(−1.5·√2) ≈ 1.7%). And the tiny network that learns them.
 */
final class Blobs {
    private Blobs() {
    }

    /** {@code n} examples, labels alternating 0, 1, 0, ... */
    static Dataset of(int n, Random r) {
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double centre = y[i] == 0 ? -1.5 : 1.5;
            x[2 * i] = centre + r.nextGaussian();
            x[2 * i + 1] = centre + r.nextGaussian();
        }
        return new Dataset(Tensor.of(x, n, 2), y, 2);
    }

    /** Affine(2, 8) → Relu → Affine(8, 2) → SoftmaxWithLoss, weights N(0, 0.5²) from {@code seed}. */
    static Network network(long seed) {
        Random r = new Random(seed);
        return new Network()
                .add("Affine1", new Affine(2, 8, 0.5, r))
                .add("Relu1", new Relu())
                .add("Affine2", new Affine(8, 2, 0.5, r))
                .withLoss(new SoftmaxWithLoss());
    }
}

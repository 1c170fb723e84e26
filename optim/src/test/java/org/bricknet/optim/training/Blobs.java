package org.bricknet.optim.training;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;

/**
 * Two Gaussian blobs in the plane, class 0 around (−1.5, −1.5) and class 1 around (1.5, 1.5), each
 * with standard deviation 1 per axis: separable but for the few points past the diagonal (the
 * Bayes error is Φ(−1.5·√2) ≈ 1.7%). And the tiny network that learns them.
 */
final class Blobs {
    private Blobs() {}

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

    /**
     * Linear(2, 8) → Linear(8, 2) → SoftmaxCrossEntropy (core's test fixtures), weights N(0, 0.2²)
     * from {@code seed}. Two layers, no activation between them: the blobs are linearly separable.
     */
    static Network network(long seed) {
        Random r = new Random(seed);
        return new Network()
                .add("Linear1", new Linear(2, 8, 0.2, r))
                .add("Linear2", new Linear(8, 2, 0.2, r))
                .withLoss(new SoftmaxCrossEntropy());
    }
}

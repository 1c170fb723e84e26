package org.bricknet.examples;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Sigmoid;
import org.bricknet.losses.MeanSquaredError;
import org.bricknet.optim.Sgd;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;

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
            throw new IllegalArgumentException(
                    "NielsenNetwork: expected at least two layer sizes, got " + sizes.length);
        }
        this.sizes = sizes.clone();
        for (int i = 1; i < sizes.length; i++) {
            add(
                    "Affine" + i,
                    new Affine(
                            org.bricknet.core.Tensor.randn(random, 1.0, sizes[i - 1], sizes[i]),
                            org.bricknet.core.Tensor.randn(random, 1.0, sizes[i])));
            add("Sigmoid" + i, new Sigmoid());
        }
        withLoss(new MeanSquaredError());
    }

    /**
     * {@code network.py}'s {@code SGD}: {@code epochs} passes over a fresh shuffle of
     * {@code training}, mini-batches of {@code miniBatchSize}, step {@code w ← w − η·∇C} (the
     * quadratic cost averages over the batch, so this is Nielsen's {@code (η/m)·Σ∇C_x}); after each
     * epoch it prints {@code "Epoch j: correct / n_test"} when {@code test} is given. Shuffles come
     * from {@code random}.
     */
    public TrainingHistory sgd(
            Dataset training, int epochs, int miniBatchSize, double eta, Dataset test, Random random) {
        return new Trainer(this, new Sgd(eta))
                .epochs(epochs)
                .batchSize(miniBatchSize)
                .random(random)
                .evaluateOn(test)
                .trainAccuracy(false)
                .fit(training);
    }

    /** The layer sizes, input first. */
    public int[] sizes() {
        return sizes.clone();
    }
}

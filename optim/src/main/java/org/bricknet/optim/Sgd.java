package org.bricknet.optim;

import java.util.Map;

/**
 * Stochastic gradient descent: {@code w ← w − η·g}. No state. The book's {@code SGD} and PyTorch's
 * {@code torch.optim.SGD} (without momentum) compute the same thing. The book's default η is 0.01.
 */
public final class Sgd extends StatefulOptimizer {

    public Sgd(double learningRate) {
        super("sgd", learningRate);
    }

    @Override
    void putHyperparameters(Map<String, String> out) {}

    @Override
    void update(boolean selected, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        for (int i = from; i < to; i++) {
            w[i] -= lr * g[i];
        }
    }
}

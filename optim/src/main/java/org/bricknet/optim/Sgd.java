package org.bricknet.optim;

import org.bricknet.core.Parameter;

/**
 * Stochastic gradient descent, the book's {@code SGD}: {@code w ← w − η·g}. No state.
 * The book's default η is 0.01.
 */
public final class Sgd extends StatefulOptimizer {

    public Sgd(double learningRate) {
        super("sgd", learningRate);
    }

    @Override
    void update(Parameter p, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        for (int i = from; i < to; i++) {
            w[i] -= lr * g[i];
        }
    }
}

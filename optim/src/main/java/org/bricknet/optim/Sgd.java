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
    void update(Parameter p, double[] w, double[] g, double[][] s) {
        double lr = learningRate();
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];
        }
    }
}

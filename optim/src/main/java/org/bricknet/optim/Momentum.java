package org.bricknet.optim;

import org.bricknet.core.Checks;
import org.bricknet.core.Parameter;

/**
 * Momentum, the book's {@code Momentum}: a velocity {@code v} (slot {@code v}, starting at 0)
 * per parameter,
 * <pre>
 *   v ← α·v − η·g
 *   w ← w + v
 * </pre>
 * with momentum α = 0.9 by default.
 */
public final class Momentum extends StatefulOptimizer {
    /** The book's α. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private final double momentum;

    public Momentum(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM);
    }

    public Momentum(double learningRate, double momentum) {
        super("momentum", learningRate, "v");
        this.momentum = Checks.fraction("momentum", "momentum", momentum);
    }

    public double momentum() {
        return momentum;
    }

    @Override
    void update(Parameter p, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        double[] v = s[0];
        for (int i = from; i < to; i++) {
            v[i] = momentum * v[i] - lr * g[i];
            w[i] += v[i];
        }
    }
}

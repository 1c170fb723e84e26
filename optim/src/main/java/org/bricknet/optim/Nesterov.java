package org.bricknet.optim;

import org.bricknet.core.Checks;
import org.bricknet.core.Parameter;

/**
 * Nesterov's accelerated gradient as the book writes it ({@code common/optimizer.py}, after
 * Sutskever et al. / arXiv:1212.0901), with the look-ahead folded into the update so that the
 * gradient is taken at {@code w} itself. Velocity {@code v} (slot {@code v}, starting at 0):
 * <pre>
 *   v ← α·v − η·g
 *   w ← w + α²·v − (1 + α)·η·g
 * </pre>
 * with the new {@code v}; momentum α = 0.9 by default.
 */
public final class Nesterov extends StatefulOptimizer {
    private final double momentum;

    public Nesterov(double learningRate) {
        this(learningRate, Momentum.DEFAULT_MOMENTUM);
    }

    public Nesterov(double learningRate, double momentum) {
        super("nesterov", learningRate, "v");
        this.momentum = Checks.fraction("nesterov", "momentum", momentum);
    }

    public double momentum() {
        return momentum;
    }

    @Override
    void update(Parameter p, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        double a2 = momentum * momentum;
        double gradScale = (1 + momentum) * lr;
        double[] v = s[0];
        for (int i = from; i < to; i++) {
            v[i] = momentum * v[i] - lr * g[i];
            w[i] += a2 * v[i] - gradScale * g[i];
        }
    }
}

package org.bricknet.optim;

import java.util.Map;
import org.bricknet.core.Checks;

/**
 * Nesterov's accelerated gradient (Sutskever et al., arXiv:1212.0901) with the look-ahead folded
 * into the update, so that the gradient is taken at {@code w} itself. Velocity {@code v} (slot
 * {@code v}, starting at 0), and the weights move with the velocity <em>before</em> this step's
 * update:
 * <pre>
 *   w ← w + α²·v − (1 + α)·η·g
 *   v ← α·v − η·g
 * </pre>
 * with momentum α = 0.9 by default. This is the book's {@code common/optimizer.py} since its fix of
 * January 2021 (computed in its order) and PyTorch's {@code SGD(momentum=α, nesterov=True)}, which
 * keeps {@code b = −v/η} and steps {@code w ← w − η·(g + α·b)}: the same steps while η stays fixed.
 */
public final class Nesterov extends StatefulOptimizer {
    private final double momentum;

    public Nesterov(double learningRate) {
        this(learningRate, Momentum.DEFAULT_MOMENTUM);
    }

    /** Momentum α in [0, 1). */
    public Nesterov(double learningRate, double momentum) {
        super("nesterov", learningRate, "v");
        this.momentum = Checks.fraction("nesterov", "momentum", momentum);
    }

    public double momentum() {
        return momentum;
    }

    @Override
    void putHyperparameters(Map<String, String> out) {
        out.put("momentum", Double.toString(momentum));
    }

    @Override
    void update(boolean selected, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        double a2 = momentum * momentum;
        double gradScale = (1 + momentum) * lr;
        double[] v = s[0];
        for (int i = from; i < to; i++) {
            w[i] += a2 * v[i];
            w[i] -= gradScale * g[i];
            v[i] = momentum * v[i] - lr * g[i];
        }
    }
}

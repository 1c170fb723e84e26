package org.bricknet.optim;

import java.util.Map;
import org.bricknet.core.Checks;

/**
 * Momentum: a velocity {@code v} (slot {@code v}, starting at 0) per parameter,
 * <pre>
 *   v ← α·v − η·g
 *   w ← w + v
 * </pre>
 * with momentum α = 0.9 by default, as the book's {@code Momentum}. PyTorch's
 * {@code SGD(momentum=α)} keeps {@code b = −v/η} instead and steps {@code w ← w − η·b}: the same
 * steps while η stays fixed (a schedule that changes η rescales PyTorch's whole velocity, not only
 * the new gradient's share).
 */
public final class Momentum extends StatefulOptimizer {
    /** The book's and PyTorch's usual α. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private final double momentum;

    public Momentum(double learningRate) {
        this(learningRate, DEFAULT_MOMENTUM);
    }

    /** Momentum α in [0, 1). */
    public Momentum(double learningRate, double momentum) {
        super("momentum", learningRate, "v");
        this.momentum = Checks.fraction("momentum", "momentum", momentum);
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
        double[] v = s[0];
        for (int i = from; i < to; i++) {
            v[i] = momentum * v[i] - lr * g[i];
            w[i] += v[i];
        }
    }
}

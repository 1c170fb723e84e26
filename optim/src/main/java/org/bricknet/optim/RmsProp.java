package org.bricknet.optim;

import java.util.Map;
import org.bricknet.core.Checks;

/**
 * RMSprop: an exponentially decaying mean of squared gradients {@code h} (slot {@code h}, starting
 * at 0) per element,
 * <pre>
 *   h ← ρ·h + (1 − ρ)·g²
 *   w ← w − η·g / (√h + ε)
 * </pre>
 * with decay ρ = 0.99 by default and ε added outside the square root. There is no bias correction:
 * the first steps, with {@code h} still small, are large (the first is {@code η/√(1−ρ) = 10·η} per
 * element in the direction of −sign(g)). ε is the book's 1e-7 by default ({@code RMSprop});
 * PyTorch's {@code torch.optim.RMSprop} (ρ is its {@code alpha}; no momentum, not centered) is the
 * same rule with ε = 1e-8: {@link #pytorch}.
 */
public final class RmsProp extends StatefulOptimizer {
    /** The book's and PyTorch's ρ. */
    public static final double DEFAULT_DECAY = 0.99;

    /** PyTorch's RMSprop ε. */
    public static final double PYTORCH_EPSILON = 1e-8;

    private final double decay;
    private final double eps;

    /** The book's RMSprop: ρ = 0.99, ε = 1e-7. */
    public RmsProp(double learningRate) {
        this(learningRate, DEFAULT_DECAY);
    }

    /** Decay rate ρ in [0, 1), ε = 1e-7. */
    public RmsProp(double learningRate, double decay) {
        this(learningRate, decay, AdaGrad.EPSILON);
    }

    /** Decay rate ρ in [0, 1), ε finite and &gt; 0. */
    public RmsProp(double learningRate, double decay, double eps) {
        super("rmsprop", learningRate, "h");
        this.decay = Checks.fraction("rmsprop", "decay rate", decay);
        this.eps = Checks.positive("rmsprop", "value of eps", eps);
    }

    /** PyTorch's {@code RMSprop(lr)}: ρ = 0.99, ε = 1e-8. */
    public static RmsProp pytorch(double learningRate) {
        return new RmsProp(learningRate, DEFAULT_DECAY, PYTORCH_EPSILON);
    }

    /** The default ε of a convention: 1e-7 (book) or 1e-8 (PyTorch). */
    public static double defaultEpsilon(Convention convention) {
        return convention == Convention.PYTORCH ? PYTORCH_EPSILON : AdaGrad.EPSILON;
    }

    public double decay() {
        return decay;
    }

    public double eps() {
        return eps;
    }

    @Override
    void putHyperparameters(Map<String, String> out) {
        out.put("decay_rate", Double.toString(decay));
        out.put("eps", Double.toString(eps));
    }

    @Override
    boolean holdsSquares(int slot) {
        return true;
    }

    @Override
    void update(boolean selected, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        double keep = 1 - decay;
        double[] h = s[0];
        for (int i = from; i < to; i++) {
            h[i] = decay * h[i] + keep * g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(h[i]) + eps);
        }
    }
}

package org.bricknet.optim;

import org.bricknet.core.Checks;
import org.bricknet.core.Parameter;

/**
 * RMSprop, the book's {@code RMSprop}: an exponentially decaying mean of squared gradients
 * {@code h} (slot {@code h}, starting at 0) per element,
 * <pre>
 *   h ← ρ·h + (1 − ρ)·g²
 *   w ← w − η·g / (√h + ε)
 * </pre>
 * with decay ρ = 0.99 by default and ε = 1e-7 added outside the square root. There is no bias
 * correction: the first steps, with {@code h} still small, are large (the first is
 * {@code η/√(1−ρ) = 10·η} per element in the direction of −sign(g)).
 */
public final class RmsProp extends StatefulOptimizer {
    /** The book's ρ. */
    public static final double DEFAULT_DECAY = 0.99;

    private final double decay;

    public RmsProp(double learningRate) {
        this(learningRate, DEFAULT_DECAY);
    }

    public RmsProp(double learningRate, double decay) {
        super("rmsprop", learningRate, "h");
        this.decay = Checks.fraction("rmsprop", "decay rate", decay);
    }

    public double decay() {
        return decay;
    }

    @Override
    boolean holdsSquares(int slot) {
        return true;
    }

    @Override
    void update(Parameter p, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        double keep = 1 - decay;
        double[] h = s[0];
        for (int i = from; i < to; i++) {
            h[i] = decay * h[i] + keep * g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(h[i]) + AdaGrad.EPSILON);
        }
    }
}

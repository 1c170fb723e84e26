package org.bricknet.optim;

import org.bricknet.core.Parameter;

/**
 * AdaGrad, the book's {@code AdaGrad}: a running sum of squared gradients {@code h} (slot
 * {@code h}, starting at 0) per element,
 * <pre>
 *   h ← h + g²
 *   w ← w − η·g / (√h + ε)
 * </pre>
 * with ε = 1e-7 added <em>outside</em> the square root (it only guards the division by zero of an
 * element whose gradients have all been 0). Each element's step shrinks as its gradients add up.
 */
public final class AdaGrad extends StatefulOptimizer {
    /** The ε of the book's AdaGrad, RMSprop and Adam. */
    public static final double EPSILON = 1e-7;

    public AdaGrad(double learningRate) {
        super("adagrad", learningRate, "h");
    }

    @Override
    boolean holdsSquares(int slot) {
        return true;
    }

    @Override
    void update(Parameter p, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        double[] h = s[0];
        for (int i = from; i < to; i++) {
            h[i] += g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(h[i]) + EPSILON);
        }
    }
}

package org.bricknet.optim;

import java.util.Map;
import org.bricknet.core.Checks;

/**
 * AdaGrad: a running sum of squared gradients {@code h} (slot {@code h}, starting at 0) per
 * element,
 * <pre>
 *   h ← h + g²
 *   w ← w − η·g / (√h + ε)
 * </pre>
 * with ε added <em>outside</em> the square root (it only guards the division by zero of an element
 * whose gradients have all been 0). Each element's step shrinks as its gradients add up. ε is the
 * book's 1e-7 by default ({@code AdaGrad}); PyTorch's {@code torch.optim.Adagrad} (no learning-rate
 * decay, accumulator starting at 0) is the same rule with ε = 1e-10: {@link #pytorch}.
 */
public final class AdaGrad extends StatefulOptimizer {
    /** The ε of the book's AdaGrad, RMSprop and Adam. */
    public static final double EPSILON = 1e-7;

    /** PyTorch's AdaGrad ε. */
    public static final double PYTORCH_EPSILON = 1e-10;

    private final double eps;

    /** The book's AdaGrad: ε = 1e-7. */
    public AdaGrad(double learningRate) {
        this(learningRate, EPSILON);
    }

    /** ε finite and &gt; 0. */
    public AdaGrad(double learningRate, double eps) {
        super("adagrad", learningRate, "h");
        this.eps = Checks.positive("adagrad", "value of eps", eps);
    }

    /** PyTorch's {@code Adagrad(lr)}: ε = 1e-10. */
    public static AdaGrad pytorch(double learningRate) {
        return new AdaGrad(learningRate, PYTORCH_EPSILON);
    }

    /** The default ε of a convention: 1e-7 (book) or 1e-10 (PyTorch). */
    public static double defaultEpsilon(Convention convention) {
        return convention == Convention.PYTORCH ? PYTORCH_EPSILON : EPSILON;
    }

    public double eps() {
        return eps;
    }

    @Override
    void putHyperparameters(Map<String, String> out) {
        out.put("eps", Double.toString(eps));
    }

    @Override
    boolean holdsSquares(int slot) {
        return true;
    }

    @Override
    void update(boolean selected, double[] w, double[] g, double[][] s, int from, int to) {
        double lr = learningRate();
        double[] h = s[0];
        for (int i = from; i < to; i++) {
            h[i] += g[i] * g[i];
            w[i] -= lr * g[i] / (Math.sqrt(h[i]) + eps);
        }
    }
}

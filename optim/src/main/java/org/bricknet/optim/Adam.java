package org.bricknet.optim;

import java.util.Map;
import java.util.Objects;
import org.bricknet.core.Checks;

/**
 * Adam (Kingma &amp; Ba): first and second moments {@code m} and {@code v} (slots {@code m} and
 * {@code v}, starting at 0) per element, and at step {@code t = 1, 2, ...}
 * <pre>
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 * </pre>
 * then, by {@link Convention}:
 * <pre>
 *   BOOK (default):  η_t = η·√(1 − β2^t) / (1 − β1^t),   w ← w − η_t·m / (√v + ε),    ε = 1e-7
 *   PYTORCH:         m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t),  w ← w − η·m̂ / (√v̂ + ε),   ε = 1e-8
 * </pre>
 * The book ({@code common/optimizer.py}) adds ε to the <em>uncorrected</em> √v, i.e. the paper's
 * rule with ε scaled by {@code √(1 − β2^t)}, and writes the moments as {@code m += (1 − β1)·(g − m)};
 * PyTorch's {@code torch.optim.Adam} follows the paper. They part where √v is near ε (tiny
 * gradients). Both move each element by about η in the direction −sign(g) on the first step.
 * β1 = 0.9 and β2 = 0.999 by default in both; the book's default η is 0.001.
 */
public class Adam extends StatefulOptimizer {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    /** PyTorch's Adam and AdamW ε. */
    public static final double PYTORCH_EPSILON = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Convention convention;
    private double lrT;
    private double bc2Sqrt;

    /** The book's Adam: β1 = 0.9, β2 = 0.999, ε = 1e-7. */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    /** The book's Adam with the given betas, each in [0, 1). */
    public Adam(double learningRate, double beta1, double beta2) {
        this(learningRate, beta1, beta2, AdaGrad.EPSILON, Convention.BOOK);
    }

    /** Every hyperparameter: betas in [0, 1), ε finite and &gt; 0, and whose rule. */
    public Adam(double learningRate, double beta1, double beta2, double eps, Convention convention) {
        this("adam", learningRate, beta1, beta2, eps, convention);
    }

    Adam(String name, double learningRate, double beta1, double beta2, double eps, Convention convention) {
        super(name, learningRate, "m", "v");
        this.beta1 = Checks.fraction(name, "beta1", beta1);
        this.beta2 = Checks.fraction(name, "beta2", beta2);
        this.eps = Checks.positive(name, "value of eps", eps);
        this.convention = Objects.requireNonNull(convention, name + ": expected a convention, got null");
    }

    /** PyTorch's {@code Adam(lr)}: bias-corrected moments, β1 = 0.9, β2 = 0.999, ε = 1e-8. */
    public static Adam pytorch(double learningRate) {
        return new Adam(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, PYTORCH_EPSILON, Convention.PYTORCH);
    }

    /** The default ε of a convention: 1e-7 (book) or 1e-8 (PyTorch). */
    public static double defaultEpsilon(Convention convention) {
        return convention == Convention.PYTORCH ? PYTORCH_EPSILON : AdaGrad.EPSILON;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public Convention convention() {
        return convention;
    }

    @Override
    void putHyperparameters(Map<String, String> out) {
        out.put("convention", convention.label());
        out.put("beta1", Double.toString(beta1));
        out.put("beta2", Double.toString(beta2));
        out.put("eps", Double.toString(eps));
    }

    @Override
    void beginStep(long t) {
        if (convention == Convention.BOOK) {
            lrT = learningRate() * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        } else {
            lrT = learningRate() / (1 - Math.pow(beta1, t));
            bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        }
    }

    @Override
    boolean holdsSquares(int slot) {
        return slot == 1;
    }

    @Override
    void update(boolean selected, double[] w, double[] g, double[][] s, int from, int to) {
        double[] m = s[0];
        double[] v = s[1];
        double k1 = 1 - beta1;
        double k2 = 1 - beta2;
        double lr = lrT;
        if (convention == Convention.BOOK) {
            for (int i = from; i < to; i++) {
                double gi = g[i];
                m[i] += k1 * (gi - m[i]);
                v[i] += k2 * (gi * gi - v[i]);
                w[i] -= lr * m[i] / (Math.sqrt(v[i]) + eps);
            }
        } else {
            double c2 = bc2Sqrt;
            for (int i = from; i < to; i++) {
                double gi = g[i];
                m[i] = m[i] * beta1 + k1 * gi;
                v[i] = v[i] * beta2 + k2 * gi * gi;
                w[i] -= lr * (m[i] / (Math.sqrt(v[i]) / c2 + eps));
            }
        }
    }
}

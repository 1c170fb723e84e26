package org.bricknet.optim;

import org.bricknet.core.Checks;
import org.bricknet.core.Parameter;

/**
 * Adam (Kingma &amp; Ba), as the book writes it: first and second moments {@code m} and {@code v}
 * (slots {@code m} and {@code v}, starting at 0) per element, and at step {@code t = 1, 2, ...}
 * <pre>
 *   m ← m + (1 − β1)·(g − m)              (= β1·m + (1 − β1)·g)
 *   v ← v + (1 − β2)·(g² − v)             (= β2·v + (1 − β2)·g²)
 *   η_t = η·√(1 − β2^t) / (1 − β1^t)      (bias correction of both moments)
 *   w ← w − η_t·m / (√v + ε)
 * </pre>
 * with β1 = 0.9, β2 = 0.999 and ε = 1e-7 by default. As in the book, ε is added to the
 * <em>uncorrected</em> {@code √v}, i.e. the paper's {@code m̂/(√v̂ + ε)} with ε scaled by
 * {@code √(1 − β2^t)}; the first step moves each element by η in the direction −sign(g).
 * The book's default η is 0.001.
 */
public class Adam extends StatefulOptimizer {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;

    private final double beta1;
    private final double beta2;
    private double lrT;

    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    public Adam(double learningRate, double beta1, double beta2) {
        this("adam", learningRate, beta1, beta2);
    }

    Adam(String name, double learningRate, double beta1, double beta2) {
        super(name, learningRate, "m", "v");
        this.beta1 = Checks.fraction(name, "beta1", beta1);
        this.beta2 = Checks.fraction(name, "beta2", beta2);
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    @Override
    void beginStep(long t) {
        lrT = learningRate() * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    }

    @Override
    boolean holdsSquares(int slot) {
        return slot == 1;
    }

    @Override
    void update(Parameter p, double[] w, double[] g, double[][] s, int from, int to) {
        double[] m = s[0];
        double[] v = s[1];
        double k1 = 1 - beta1;
        double k2 = 1 - beta2;
        double lr = lrT;
        for (int i = from; i < to; i++) {
            double gi = g[i];
            m[i] += k1 * (gi - m[i]);
            v[i] += k2 * (gi * gi - v[i]);
            w[i] -= lr * m[i] / (Math.sqrt(v[i]) + AdaGrad.EPSILON);
        }
    }
}

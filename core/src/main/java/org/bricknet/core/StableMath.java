package org.bricknet.core;

/**
 * The numerically stable forms of the functions several bricks share, in one place: the logistic
 * sigmoid, and softmax with its log-sum-exp. Each is exact where the naive form overflows.
 */
public final class StableMath {
    private StableMath() {}

    /**
     * {@code σ(x) = 1 / (1 + e^(−x))}, computed as {@code e^x / (1 + e^x)} for negative x so that
     * {@code e^(−x)} never overflows.
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * Writes the softmax of {@code s[off, off + k)} into {@code out[off, off + k)} and returns
     * {@code log Σ_j e^(s_j)}, both computed after subtracting the largest {@code s_j}, so that no
     * {@code exp} overflows: {@code softmax_j = e^(s_j − max) / Σ e^(s − max)} and
     * {@code log Σ e^s = max + log Σ e^(s − max)}.
     */
    public static double softmax(double[] s, double[] out, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = off; j < off + k; j++) {
            max = Math.max(max, s[j]);
        }
        double sum = 0;
        for (int j = off; j < off + k; j++) {
            double e = Math.exp(s[j] - max);
            out[j] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int j = off; j < off + k; j++) {
            out[j] *= inv;
        }
        return max + Math.log(sum);
    }
}

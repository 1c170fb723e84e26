package org.bricknet.losses;

import org.bricknet.core.LossLayer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;

/**
 * Softmax followed by cross-entropy, averaged over the batch: for scores {@code s} of shape
 * {@code (N, K)} and targets {@code t}, {@code L = −(1/N)·Σ_i log softmax(s_i)[t_i]}. Targets are
 * class indices ({@code (N,)}) or one-hot rows ({@code (N, K)}; any rows of weights summing to 1
 * work, as {@code −(1/N)·Σ_ij t_ij·log y_ij}).
 *
 * <p>Stable for any finite scores: each row's maximum is subtracted before {@code exp}, and the log
 * is taken as {@code s − max − log Σ exp(s − max)}, never as {@code log(softmax)}, so scores such as
 * ±1000 give a finite loss. The gradient {@code (softmax(s) − t) / N} is computed in the same pass
 * as the loss, row by row; {@link #backward} hands it out (scaled by {@code dout} if that is not 1).
 */
public final class SoftmaxWithLoss implements LossLayer {
    private Tensor probs;
    private Tensor grad;
    private Tensor scaled;
    private int[] labels;

    /** The softmax of each row of {@code scores} (a new tensor). */
    @Override
    public Tensor forward(Tensor scores) {
        requireScores(scores);
        Tensor out = Tensor.zeros(scores.shape());
        int k = scores.cols();
        for (int i = 0; i < scores.rows(); i++) {
            softmaxRow(scores.data(), out.data(), i * k, k);
        }
        return out;
    }

    @Override
    public double loss(Tensor scores, Tensor targets) {
        requireScores(scores);
        int n = scores.rows();
        int k = scores.cols();
        boolean rows = Targets.isOneHot(targets, n, k);
        if (!rows) {
            labels = Targets.classIndices("SoftmaxWithLoss", targets, n, k, labels);
        }
        probs = Tensor.reuse(probs, n, k);
        grad = Tensor.reuse(grad, n, k);
        double[] s = scores.data();
        double[] y = probs.data();
        double[] g = grad.data();
        double[] t = targets.data();
        double invN = 1.0 / n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            int off = i * k;
            double logSum = softmaxRow(s, y, off, k);
            for (int j = 0; j < k; j++) {
                g[off + j] = y[off + j] * invN;
            }
            if (rows) {
                for (int j = 0; j < k; j++) {
                    double tj = t[off + j];
                    if (tj != 0) {
                        total += tj * (logSum - s[off + j]);
                        g[off + j] -= tj * invN;
                    }
                }
            } else {
                total += logSum - s[off + labels[i]];
                g[off + labels[i]] -= invN;
            }
        }
        return total * invN;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("SoftmaxWithLoss", grad);
        double scale = dout.data()[0];
        if (scale == 1.0) {
            return grad;
        }
        scaled = Tensor.reuse(scaled, grad);
        double[] g = grad.data();
        double[] out = scaled.data();
        for (int i = 0; i < g.length; i++) {
            out[i] = scale * g[i];
        }
        return scaled;
    }

    /**
     * Writes the softmax of {@code s[off, off+k)} into {@code out} and returns {@code log Σ exp(s)},
     * computed as {@code max + log Σ exp(s − max)}.
     */
    private static double softmaxRow(double[] s, double[] out, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, s[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double e = Math.exp(s[off + j] - max);
            out[off + j] = e;
            sum += e;
        }
        double inv = 1.0 / sum;
        for (int j = 0; j < k; j++) {
            out[off + j] *= inv;
        }
        return max + Math.log(sum);
    }

    private static void requireScores(Tensor scores) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("SoftmaxWithLoss: expected scores of shape (N, K), got "
                    + scores.shapeString());
        }
    }
}

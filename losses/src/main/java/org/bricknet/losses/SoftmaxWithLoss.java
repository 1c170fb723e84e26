package org.bricknet.losses;

import org.bricknet.core.Shapes;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;
import org.bricknet.core.LossLayer;

/**
 * Softmax followed by cross-entropy, averaged over the batch: for scores {@code s} of shape
 * {@code (N, K)} and targets {@code t}, {@code L = −(1/N)·Σ_i log softmax(s_i)[t_i]}. Targets are
 * class indices ({@code (N,)}) or one-hot rows ({@code (N, K)}).
 *
 * <p>Stable for any finite scores: each row's maximum is subtracted before {@code exp}, and the log
 * is taken as {@code s − max − log Σ exp(s − max)}, never as {@code log(softmax)}, so scores such as
 * ±1000 give a finite loss. Backward: {@code (softmax(s) − t) / N}.
 */
public final class SoftmaxWithLoss implements LossLayer {
    private Tensor y;
    private int[] labels;
    private Tensor oneHot;

    /** The softmax of each row of {@code scores}. */
    @Override
    public Tensor forward(Tensor scores) {
        requireScores(scores);
        Tensor out = Tensor.zeros(scores.shape());
        softmax(scores.data(), out.data(), scores.rows(), scores.cols());
        return out;
    }

    @Override
    public double loss(Tensor scores, Tensor targets) {
        requireScores(scores);
        int n = scores.rows();
        int k = scores.cols();
        boolean rows = Targets.isOneHot(targets, n, k);
        labels = rows ? null : Targets.classIndices("SoftmaxWithLoss", targets, n, k);
        oneHot = rows ? targets : null;
        y = Tensor.zeros(n, k);
        double[] s = scores.data();
        double[] yd = y.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double logSum = softmaxRow(s, yd, i * k, k);
            if (rows) {
                // −Σ_j t_j·log y_j, with log y_j = s_j − logSum; targets that sum to 1 as one-hot rows do
                double[] t = targets.data();
                for (int j = 0; j < k; j++) {
                    double tj = t[i * k + j];
                    if (tj != 0) {
                        total += tj * (logSum - s[i * k + j]);
                    }
                }
            } else {
                total += logSum - s[i * k + labels[i]];
            }
        }
        return total / n;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("SoftmaxWithLoss", y);
        double scale = dout.data()[0] / y.rows();
        Tensor dx = y.copy();
        double[] d = dx.data();
        int k = y.cols();
        if (oneHot != null) {
            double[] t = oneHot.data();
            for (int i = 0; i < d.length; i++) {
                d[i] -= t[i];
            }
        } else {
            for (int i = 0; i < labels.length; i++) {
                d[i * k + labels[i]] -= 1.0;
            }
        }
        for (int i = 0; i < d.length; i++) {
            d[i] *= scale;
        }
        return dx;
    }

    /** Row-wise softmax of an {@code n x k} array into {@code out}. */
    public static void softmax(double[] s, double[] out, int n, int k) {
        for (int i = 0; i < n; i++) {
            softmaxRow(s, out, i * k, k);
        }
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

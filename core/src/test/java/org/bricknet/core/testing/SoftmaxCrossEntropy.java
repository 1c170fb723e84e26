package org.bricknet.core.testing;

import org.bricknet.core.LossLayer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;

/**
 * A classification test loss for other modules' training tests: softmax, then cross-entropy
 * averaged over the batch, {@code L = −(1/N)·Σ_i log softmax(s_i)[t_i]} for {@code (N, K)} scores and
 * class-index (or one-hot) targets; backward {@code (softmax(s) − onehot(t)) / N}. Each row's
 * maximum is subtracted before {@code exp}, so only scores that overflow give a non-finite loss.
 */
public final class SoftmaxCrossEntropy implements LossLayer {
    private Tensor grad;

    /** The softmax of each row. */
    @Override
    public Tensor forward(Tensor scores) {
        Tensor p = scores.copy();
        for (int i = 0; i < p.rows(); i++) {
            softmaxRow(p.data(), i * p.cols(), p.cols());
        }
        return p;
    }

    @Override
    public double loss(Tensor scores, Tensor targets) {
        int n = scores.rows();
        int k = scores.cols();
        int[] labels = Targets.classIndices("SoftmaxCrossEntropy", targets, n, k);
        grad = scores.copy();
        double[] g = grad.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double logSum = softmaxRow(g, i * k, k);
            total += logSum - scores.data()[i * k + labels[i]];
            g[i * k + labels[i]] -= 1;
            for (int j = 0; j < k; j++) {
                g[i * k + j] /= n;
            }
        }
        return total / n;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("SoftmaxCrossEntropy", grad);
        Tensor dx = grad.copy();
        double[] d = dx.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= dout.data()[0];
        }
        return dx;
    }

    /** Replaces {@code v[off, off+k)} by its softmax; returns {@code log Σ exp} of the old values. */
    private static double softmaxRow(double[] v, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, v[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            v[off + j] = Math.exp(v[off + j] - max);
            sum += v[off + j];
        }
        for (int j = 0; j < k; j++) {
            v[off + j] /= sum;
        }
        return max + Math.log(sum);
    }
}

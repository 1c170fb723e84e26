package org.bricknet.losses;

import org.bricknet.core.LossLayer;
import org.bricknet.core.Shapes;
import org.bricknet.core.StableMath;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;

/**
 * Softmax followed by cross-entropy, averaged over the batch: {@code y = softmax(s)} row by row and
 * {@code L = −(1/N)·Σ_i log y_i[t_i]} for class indices, or {@code −(1/N)·Σ_ij t_ij·log y_ij} for
 * one-hot rows (any rows of weights summing to 1 work). The log is taken as
 * {@code s − log Σ e^s} ({@link StableMath#softmax}), never of a rounded {@code y}, so scores such as
 * ±1000 give a finite loss.
 *
 * <p>Backward: {@code dx = (y − t) / N}, times {@code dout} (normally 1).
 *
 * <p>Shape: scores {@code (N, K)}; targets {@code (N,)} class indices or {@code (N, K)} one-hot
 * rows; output of {@link #forward} (the softmax) and the gradient {@code (N, K)}; no parameters.
 */
public final class SoftmaxWithLoss implements LossLayer {
    private Tensor y;
    private Tensor oneHot;
    private int[] labels;
    private boolean rows;
    private Tensor dx;

    /** The softmax of each row of {@code scores} (a new tensor). */
    @Override
    public Tensor forward(Tensor scores) {
        requireScores(scores);
        Tensor out = Tensor.zeros(scores.shape());
        for (int off = 0, k = scores.cols(); off < scores.size(); off += k) {
            StableMath.softmax(scores.data(), out.data(), off, k);
        }
        return out;
    }

    @Override
    public double loss(Tensor scores, Tensor targets) {
        requireScores(scores);
        int n = scores.rows();
        int k = scores.cols();
        rows = Targets.isOneHot(targets, n, k);
        if (rows) {
            oneHot = Tensor.reuse(oneHot, targets);
            oneHot.copyFrom(targets);
        } else {
            labels = Targets.classIndices("SoftmaxWithLoss", targets, n, k, labels);
        }
        y = Tensor.reuse(y, n, k);
        double[] s = scores.data();
        double[] t = targets.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            int off = i * k;
            double logSum = StableMath.softmax(s, y.data(), off, k); // log y_ij = s_ij − logSum
            if (rows) {
                for (int j = off; j < off + k; j++) {
                    total += t[j] == 0 ? 0 : t[j] * (logSum - s[j]);
                }
            } else {
                total += logSum - s[off + labels[i]];
            }
        }
        return total / n;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("SoftmaxWithLoss", y);
        int n = y.rows();
        int k = y.cols();
        double invN = 1.0 / n;
        dx = Tensor.reuse(dx, y);
        double[] yd = y.data();
        double[] d = dx.data();
        for (int j = 0; j < d.length; j++) {
            d[j] = yd[j] * invN; // y / N ...
        }
        if (rows) {
            double[] t = oneHot.data();
            for (int j = 0; j < d.length; j++) {
                d[j] -= t[j] * invN; // ... − t / N
            }
        } else {
            for (int i = 0; i < n; i++) {
                d[i * k + labels[i]] -= invN; // ... − 1/N at the target class
            }
        }
        double scale = dout.data()[0];
        if (scale != 1.0) {
            for (int j = 0; j < d.length; j++) {
                d[j] *= scale;
            }
        }
        return dx;
    }

    private static void requireScores(Tensor scores) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException(
                    "SoftmaxWithLoss: expected scores of shape (N, K), got " + scores.shapeString());
        }
    }

    @Override
    public String toString() {
        return "SoftmaxWithLoss";
    }
}

package org.bricknet.losses;

import org.bricknet.core.LossLayer;
import org.bricknet.core.Shapes;
import org.bricknet.core.StableMath;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;

/**
 * The logistic function followed by binary cross-entropy, on logits: for scores {@code x} and
 * targets {@code t} (each 0 or 1; values in between are read as probabilities), the terms
 * {@code −[t_i·log σ(x_i) + (1 − t_i)·log(1 − σ(x_i))]}, reduced by one of two named conventions:
 *
 * <ul>
 *   <li>{@link Reduction#MEAN_OVER_ELEMENTS} (the default, PyTorch's {@code BCEWithLogitsLoss}):
 *       {@code L = (1/count)·Σ_i}, the mean over <em>all</em> {@code count} elements (N·K for N rows
 *       of K outputs; for one output per row, the mean over the batch);
 *   <li>{@link Reduction#MEAN_OVER_BATCH} (Nielsen's {@code CrossEntropyCost} in
 *       {@code network2.py}, and the per-class logistic cost of the classic 400-25-10 digits
 *       network): {@code L = (1/N)·Σ_i}, summed over each row's K outputs and averaged over the N
 *       rows; K times the other, so plain SGD at rate η takes Nielsen's step.
 * </ul>
 *
 * <p>Targets have the scores' shape, or, for scores {@code (N, K)} with K &gt; 1, they may be class
 * indices {@code (N,)} that stand for one-hot rows (each row's K outputs then say "is it class
 * k?", one logistic regression per class), as a {@code Trainer}'s mini-batches give them.
 *
 * <p>Each term is computed as {@code max(x, 0) − x·t + log(1 + e^(−|x|))}, which equals the
 * above and neither overflows nor takes the log of 0, so logits such as ±1000 give finite values.
 * {@link #forward} without targets returns {@code σ(x)}.
 *
 * <p>Backward: {@code dx = (σ(x) − t) / count} (or {@code / N} averaged over the batch), times
 * {@code dout} (normally 1).
 *
 * <p>Shape: scores any {@code (N, ...)}; targets the same shape, or {@code (N,)} class indices for
 * {@code (N, K)} scores; output of {@link #forward} and the gradient the scores' shape; no
 * parameters.
 */
public final class SigmoidWithLoss implements LossLayer {
    /** How the terms of the elements are reduced to one loss. */
    public enum Reduction {
        /** The mean over every element (PyTorch's {@code BCEWithLogitsLoss}). */
        MEAN_OVER_ELEMENTS,
        /** The sum over each row's outputs, then the mean over the rows (Nielsen's {@code network2.py}). */
        MEAN_OVER_BATCH
    }

    private final Reduction reduction;
    private Tensor y;
    private Tensor t;
    private Tensor dx;
    private int[] labels;
    private int count;

    /** The mean over all elements, as PyTorch's {@code BCEWithLogitsLoss}. */
    public SigmoidWithLoss() {
        this(Reduction.MEAN_OVER_ELEMENTS);
    }

    public SigmoidWithLoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "SigmoidWithLoss: expected a reduction, got null");
    }

    public Reduction reduction() {
        return reduction;
    }

    @Override
    public Tensor forward(Tensor scores) {
        Tensor out = Tensor.zeros(scores.shape());
        double[] s = scores.data();
        double[] o = out.data();
        for (int i = 0; i < s.length; i++) {
            o[i] = StableMath.sigmoid(s[i]);
        }
        return out;
    }

    @Override
    public double loss(Tensor scores, Tensor targets) {
        Tensor rows = targetRows(scores, targets);
        double[] s = scores.data();
        double[] td = rows.data();
        double total = 0;
        for (int i = 0; i < s.length; i++) {
            if (!(td[i] >= 0 && td[i] <= 1)) {
                throw new IllegalArgumentException(
                        "SigmoidWithLoss: target " + i + " must be in [0, 1] (0 or 1 for class labels), got " + td[i]);
            }
            double x = s[i];
            total += Math.max(x, 0) - x * td[i] + Math.log1p(Math.exp(-Math.abs(x)));
        }
        y = Tensor.reuse(y, scores);
        double[] yd = y.data();
        for (int i = 0; i < s.length; i++) {
            yd[i] = StableMath.sigmoid(s[i]);
        }
        if (rows != t) {
            t = Tensor.reuse(t, targets);
            t.copyFrom(targets);
        }
        count = reduction == Reduction.MEAN_OVER_ELEMENTS ? s.length : scores.rows();
        return total / count;
    }

    /** The targets as rows of the scores' shape: themselves, or the one-hot rows of class indices (in t). */
    private Tensor targetRows(Tensor scores, Tensor targets) {
        if (targets.sameShape(scores) || scores.rank() != 2 || scores.cols() < 2) {
            Shapes.requireSame("SigmoidWithLoss", "targets", scores, targets);
            return targets;
        }
        int n = scores.rows();
        int k = scores.cols();
        labels = Targets.classIndices("SigmoidWithLoss", targets, n, k, labels);
        t = Tensor.reuse(t, n, k).fill(0.0);
        double[] d = t.data();
        for (int i = 0; i < n; i++) {
            d[i * k + labels[i]] = 1.0;
        }
        return t;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("SigmoidWithLoss", y);
        double scale = dout.data()[0] / count;
        dx = Tensor.reuse(dx, y);
        double[] yd = y.data();
        double[] td = t.data();
        double[] d = dx.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (yd[i] - td[i]) * scale;
        }
        return dx;
    }

    @Override
    public String toString() {
        return "SigmoidWithLoss";
    }
}

package org.bricknet.losses;

import org.bricknet.core.LossLayer;
import org.bricknet.core.Shapes;
import org.bricknet.core.StableMath;
import org.bricknet.core.Tensor;

/**
 * The logistic function followed by binary cross-entropy, on logits: for scores {@code x} and
 * targets {@code t} of the same shape (each 0 or 1; values in between are read as probabilities),
 * {@code L = (1/count)·Σ_i −[t_i·log σ(x_i) + (1 − t_i)·log(1 − σ(x_i))]}, the mean over
 * <em>all</em> {@code count} elements (N·K for N rows of K outputs, like PyTorch's
 * {@code BCEWithLogitsLoss}; for one output per row that is the mean over the batch).
 *
 * <p>Each term is computed as {@code max(x, 0) − x·t + log(1 + e^(−|x|))}, which equals the
 * above and neither overflows nor takes the log of 0, so logits such as ±1000 give finite values.
 * {@link #forward} without targets returns {@code σ(x)}.
 *
 * <p>Backward: {@code dx = (σ(x) − t) / count}, times {@code dout} (normally 1).
 *
 * <p>Shape: scores any {@code (N, ...)}; targets the same shape; output of {@link #forward} and the
 * gradient the same shape; no parameters.
 */
public final class SigmoidWithLoss implements LossLayer {
    private Tensor y;
    private Tensor t;
    private Tensor dx;

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
        Shapes.requireSame("SigmoidWithLoss", "targets", scores, targets);
        double[] s = scores.data();
        double[] td = targets.data();
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
        t = Tensor.reuse(t, targets);
        t.copyFrom(targets);
        return total / s.length;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("SigmoidWithLoss", y);
        double scale = dout.data()[0] / y.size();
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

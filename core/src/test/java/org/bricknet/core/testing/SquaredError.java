package org.bricknet.core.testing;

import org.bricknet.core.LossLayer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * A test loss for core's own network tests: {@code L = Σ (s − t)² / 2N} over {@code (N, K)} scores
 * and targets of the same shape; backward {@code (s − t) / N}.
 */
public final class SquaredError implements LossLayer {
    private Tensor diff;

    @Override
    public Tensor forward(Tensor scores) {
        return scores.copy();
    }

    @Override
    public double loss(Tensor scores, Tensor targets) {
        Shapes.requireSame("SquaredError", "targets", scores, targets);
        diff = scores.copy();
        double[] d = diff.data();
        double[] t = targets.data();
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            d[i] -= t[i];
            sum += d[i] * d[i];
        }
        return sum / (2.0 * scores.rows());
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("SquaredError", diff);
        Tensor dx = diff.copy();
        double scale = dout.data()[0] / diff.rows();
        double[] d = dx.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= scale;
        }
        return dx;
    }
}

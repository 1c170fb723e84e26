package org.bricknet.losses;

import org.bricknet.core.LossLayer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;

/**
 * Nielsen's quadratic cost: {@code C = (1/N)·Σ_i ½·‖y_i − a_i‖²} — half the squared error of each
 * example, summed over its outputs, averaged over the batch. With this scaling plain SGD at rate
 * η takes exactly {@code network.py}'s step {@code w −= (η/m)·Σ_x ∇C_x}.
 *
 * <p>Targets are rows of the outputs' shape {@code (N, K)} (one-hot for classes), or class indices
 * {@code (N,)} that stand for one-hot rows. Backward: {@code (a − y) / N}. Forward without
 * targets is the identity.
 */
public final class MeanSquaredError implements LossLayer {
    private Tensor a;
    private Tensor y;
    private Tensor oneHot;
    private Tensor dx;
    private int[] labels;

    @Override
    public Tensor forward(Tensor outputs) {
        return outputs;
    }

    @Override
    public double loss(Tensor outputs, Tensor targets) {
        if (outputs.rank() != 2) {
            throw new IllegalArgumentException(
                    "MeanSquaredError: expected outputs of shape (N, K), got " + outputs.shapeString());
        }
        int n = outputs.rows();
        int k = outputs.cols();
        Tensor rows;
        if (targets.sameShape(outputs)) {
            rows = targets;
        } else {
            labels = Targets.classIndices("MeanSquaredError", targets, n, k, labels);
            oneHot = Tensor.reuse(oneHot, n, k).fill(0);
            rows = oneHot;
            for (int i = 0; i < n; i++) {
                rows.data()[i * k + labels[i]] = 1.0;
            }
        }
        this.a = outputs;
        this.y = rows;
        double[] ad = outputs.data();
        double[] yd = rows.data();
        double sum = 0;
        for (int i = 0; i < ad.length; i++) {
            double d = ad[i] - yd[i];
            sum += d * d;
        }
        return 0.5 * sum / n;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("MeanSquaredError", a);
        double scale = dout.data()[0] / a.rows();
        dx = Tensor.reuse(dx, a);
        double[] ad = a.data();
        double[] yd = y.data();
        double[] d = dx.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = scale * (ad[i] - yd[i]);
        }
        return dx;
    }

    @Override
    public String toString() {
        return "MeanSquaredError";
    }
}

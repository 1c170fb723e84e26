package org.bricknet.losses;

import java.util.Objects;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;

/**
 * Squared error between outputs {@code a} and targets {@code y}, reduced by one of four named
 * conventions ({@link Reduction}); with {@code n} the batch size (the first axis) and {@code count}
 * the number of elements:
 * <pre>
 *   NIELSEN (default)  C = (1/n)·Σ ½·(a − y)²     dC/da = (a − y)/n       network.py's quadratic cost
 *   MEAN               C = (1/count)·Σ (a − y)²    dC/da = 2·(a − y)/count  PyTorch's MSELoss()
 *   HALF_SUM           C = ½·Σ (a − y)²            dC/da = a − y            the book's sum_squared_error
 *   SUM                C = Σ (a − y)²              dC/da = 2·(a − y)        MSELoss(reduction='sum')
 * </pre>
 * With Nielsen's scaling, plain SGD at rate η takes exactly {@code network.py}'s step
 * {@code w −= (η/m)·Σ_x ∇C_x}. Forward without targets is the identity.
 *
 * <p>Shape: outputs {@code (N, ...)} of any rank; targets of the outputs' shape, or for outputs
 * {@code (N, K)} class indices {@code (N,)} that stand for one-hot rows; the loss is a number; no
 * parameters.
 */
public final class MeanSquaredError implements LossLayer {
    /** How the squared errors are summed up; see the class comment. */
    public enum Reduction {
        /** {@code (1/n)·Σ ½·(a − y)²}: Nielsen's {@code network.py}. */
        NIELSEN,
        /** {@code (1/count)·Σ (a − y)²}: PyTorch's {@code MSELoss()}, the mean over all elements. */
        MEAN,
        /** {@code ½·Σ (a − y)²}: the book's {@code sum_squared_error}, no division. */
        HALF_SUM,
        /** {@code Σ (a − y)²}: PyTorch's {@code MSELoss(reduction='sum')}. */
        SUM
    }

    private final Reduction reduction;
    private Tensor a;
    private Tensor y;
    private Tensor oneHot;
    private Tensor dx;
    private int[] labels;

    /** Nielsen's quadratic cost. */
    public MeanSquaredError() {
        this(Reduction.NIELSEN);
    }

    public MeanSquaredError(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "MeanSquaredError: expected a reduction, got null");
    }

    public Reduction reduction() {
        return reduction;
    }

    @Override
    public Tensor forward(Tensor outputs) {
        return outputs;
    }

    @Override
    public double loss(Tensor outputs, Tensor targets) {
        if (outputs.rank() < 1) {
            throw new IllegalArgumentException(
                    "MeanSquaredError: expected outputs of shape (N, ...), got " + outputs.shapeString());
        }
        Tensor rows;
        if (targets.sameShape(outputs)) {
            rows = targets;
        } else if (outputs.rank() == 2) {
            int n = outputs.rows();
            int k = outputs.cols();
            labels = Targets.classIndices("MeanSquaredError", targets, n, k, labels);
            oneHot = Tensor.reuse(oneHot, n, k).fill(0);
            rows = oneHot;
            for (int i = 0; i < n; i++) {
                rows.data()[i * k + labels[i]] = 1.0;
            }
        } else {
            throw new IllegalArgumentException("MeanSquaredError: expected targets of shape " + outputs.shapeString()
                    + " like the outputs, got " + targets.shapeString());
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
        return switch (reduction) {
            case NIELSEN -> 0.5 * sum / outputs.dim(0);
            case MEAN -> sum / ad.length;
            case HALF_SUM -> 0.5 * sum;
            case SUM -> sum;
        };
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("MeanSquaredError", a);
        double g = dout.data()[0];
        double scale = switch (reduction) {
            case NIELSEN -> g / a.dim(0);
            case MEAN -> 2 * g / a.size();
            case HALF_SUM -> g;
            case SUM -> 2 * g;
        };
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

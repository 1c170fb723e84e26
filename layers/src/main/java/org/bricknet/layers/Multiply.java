package org.bricknet.layers;

import java.util.Arrays;
import org.bricknet.core.Brick;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * The element-wise product of two inputs of one shape: {@code y = a ⊙ b} (no broadcasting); the
 * book's {@code MulLayer} on tensors.
 *
 * <p>Backward, as the book's: {@code da = dout ⊙ b}, {@code db = dout ⊙ a}.
 *
 * <p>Shape: two inputs {@code (N, ...)} of one shape; output and both input gradients that shape;
 * no parameters.
 */
public final class Multiply implements Brick {
    private Tensor a;
    private Tensor b;
    private Tensor y;
    private Tensor da;
    private Tensor db;
    private boolean inputGradientNeeded = true;

    @Override
    public int inputCount() {
        return 2;
    }

    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        if (!Arrays.equals(inputShapes[0], inputShapes[1])) {
            throw new IllegalArgumentException("Multiply expects two inputs of one shape (no broadcasting), got "
                    + Tensor.shapeString(inputShapes[0]) + " and " + Tensor.shapeString(inputShapes[1]));
        }
        return new int[][] {inputShapes[0].clone()};
    }

    @Override
    public Tensor[] forward(Tensor... inputs) {
        if (inputs.length != 2 || !inputs[0].sameShape(inputs[1])) {
            throw new IllegalArgumentException("Multiply: expected two inputs of one shape, got "
                    + Arrays.stream(inputs).map(Tensor::shapeString).toList());
        }
        a = inputs[0];
        b = inputs[1];
        y = Tensor.reuse(y, a);
        double[] ad = a.data();
        double[] bd = b.data();
        double[] out = y.data();
        for (int i = 0; i < out.length; i++) {
            out[i] = ad[i] * bd[i];
        }
        return new Tensor[] {y};
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        Shapes.requireForward("Multiply", y);
        if (outputGradients.length != 1) {
            throw new IllegalArgumentException("Multiply: expected one output gradient, got " + outputGradients.length);
        }
        Tensor dout = outputGradients[0];
        Shapes.requireSame("Multiply", "output gradient", y, dout);
        if (!inputGradientNeeded) {
            return new Tensor[2];
        }
        da = Tensor.reuse(da, y);
        db = Tensor.reuse(db, y);
        double[] d = dout.data();
        double[] ad = a.data();
        double[] bd = b.data();
        double[] ga = da.data();
        double[] gb = db.data();
        for (int i = 0; i < d.length; i++) {
            ga[i] = d[i] * bd[i];
            gb[i] = d[i] * ad[i];
        }
        return new Tensor[] {da, db};
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    @Override
    public String toString() {
        return "Multiply";
    }
}

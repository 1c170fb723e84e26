package org.bricknet.layers;

import java.util.Arrays;
import org.bricknet.core.Brick;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * The sum of its inputs: {@code y = x₁ + x₂ + … + xₖ}, all of one shape (no broadcasting). The
 * residual connection {@code y = x + F(x)}, and the book's {@code AddLayer} on tensors.
 *
 * <p>Backward: every input receives the output's gradient, {@code dxᵢ = dout} (a copy each).
 *
 * <p>Shape: one or more inputs, all {@code (N, ...)} of one shape; output and every input gradient
 * that shape; no parameters.
 */
public final class Add implements Brick {
    private Tensor y;
    private Tensor[] dx = new Tensor[0];
    private int[] shape;
    private boolean inputGradientNeeded = true;

    @Override
    public int inputCount() {
        return ANY;
    }

    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        for (int[] s : inputShapes) {
            if (!Arrays.equals(s, inputShapes[0])) {
                throw new IllegalArgumentException("Add expects inputs of one shape (no broadcasting), got "
                        + Tensor.shapeString(inputShapes[0]) + " and " + Tensor.shapeString(s));
            }
        }
        return new int[][] {inputShapes[0].clone()};
    }

    @Override
    public Tensor[] forward(Tensor... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("Add: expected at least one input, got none");
        }
        for (int i = 1; i < inputs.length; i++) {
            if (!inputs[i].sameShape(inputs[0])) {
                throw new IllegalArgumentException("Add: expected inputs of one shape, input 0 is "
                        + inputs[0].shapeString() + ", input " + i + " is " + inputs[i].shapeString());
            }
        }
        y = Tensor.reuse(y, inputs[0]);
        double[] out = y.data();
        System.arraycopy(inputs[0].data(), 0, out, 0, out.length);
        for (int i = 1; i < inputs.length; i++) {
            double[] x = inputs[i].data();
            for (int j = 0; j < out.length; j++) {
                out[j] += x[j];
            }
        }
        if (dx.length != inputs.length) {
            dx = new Tensor[inputs.length];
        }
        shape = inputs[0].shape();
        return new Tensor[] {y};
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        Shapes.requireForward("Add", shape);
        Tensor dout = outputGradients.length == 1 ? outputGradients[0] : null;
        if (dout == null || !dout.hasShape(shape)) {
            throw new IllegalArgumentException("Add: expected one output gradient of shape " + Tensor.shapeString(shape)
                    + ", got " + (dout == null ? outputGradients.length + " gradients" : dout.shapeString()));
        }
        Tensor[] out = new Tensor[dx.length];
        if (!inputGradientNeeded) {
            return out;
        }
        for (int i = 0; i < dx.length; i++) {
            dx[i] = Tensor.reuse(dx[i], dout);
            dx[i].copyFrom(dout);
            out[i] = dx[i];
        }
        return out;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    @Override
    public String toString() {
        return "Add";
    }
}

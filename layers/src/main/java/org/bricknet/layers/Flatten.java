package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * Each example as one row: {@code y = x} viewed as {@code N x (C·H·W)}. Row-major order already
 * lays each image out as one row, so forward and backward are views sharing the array of their
 * argument; nothing is copied.
 *
 * <p>Backward: {@code dx = dout} viewed in the input's shape.
 *
 * <p>Shape: input any {@code (N, ...)}; output {@code (N, product of the rest)}; its gradient the
 * input's shape; no parameters.
 */
public final class Flatten implements Layer {
    private int[] inputShape;

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("Flatten: expected input of shape (N, ...), got " + x.shapeString());
        }
        this.inputShape = x.shape();
        return x.reshape(x.rows(), x.cols());
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Flatten", inputShape);
        int cols = 1;
        for (int i = 1; i < inputShape.length; i++) {
            cols *= inputShape[i];
        }
        Shapes.requireShape("Flatten", "output gradient", new int[] {inputShape[0], cols}, dout);
        return dout.reshape(inputShape.clone());
    }

    @Override
    public String toString() {
        return "Flatten";
    }
}

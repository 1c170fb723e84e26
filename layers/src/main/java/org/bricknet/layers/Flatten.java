package org.bricknet.layers;

import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * {@code N x C x H x W} (or any {@code N x ...}) to {@code N x (C·H·W)}; backward gives the
 * gradient back in the input's shape. Both are views sharing the array of their argument: row-major
 * order already lays each image out as one row, so nothing is copied.
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
}

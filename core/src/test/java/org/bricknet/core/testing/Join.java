package org.bricknet.core.testing;

import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;

/**
 * A test brick of any number of inputs: {@code y = Σᵢ cᵢ·xᵢ} with fixed coefficients
 * {@code cᵢ = i + 1}, so that each input's gradient differs ({@code dxᵢ = cᵢ·dout}).
 */
public final class Join implements Brick {
    private int count;
    private int[] shape;

    @Override
    public int inputCount() {
        return ANY;
    }

    @Override
    public Tensor[] forward(Tensor... inputs) {
        Tensor y = Tensor.zeros(inputs[0].shape());
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].sameShape(inputs[0])) {
                throw new IllegalArgumentException("Join: expected inputs of one shape, got " + inputs[0].shapeString()
                        + " and " + inputs[i].shapeString());
            }
            for (int j = 0; j < y.size(); j++) {
                y.data()[j] += (i + 1) * inputs[i].data()[j];
            }
        }
        count = inputs.length;
        shape = inputs[0].shape();
        return new Tensor[] {y};
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        Tensor[] dx = new Tensor[count];
        for (int i = 0; i < count; i++) {
            dx[i] = Tensor.zeros(shape);
            for (int j = 0; j < dx[i].size(); j++) {
                dx[i].data()[j] = (i + 1) * outputGradients[0].data()[j];
            }
        }
        return dx;
    }
}

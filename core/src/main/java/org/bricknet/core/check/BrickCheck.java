package org.bricknet.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.bricknet.core.Brick;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.Checker.Checked;

/**
 * One brick checked on its own: the scalar {@code f(x₁, …, xₖ) = Σⱼ Σ forward(x)ⱼ ⊙ Rⱼ} for fixed
 * weights {@code Rⱼ}, one per output, so that {@code backward(R)} is exactly its gradient with
 * respect to every input and parameter. A {@link GradientCheck} of a brick draws {@code R} from a
 * seed; a check of a graph, node by node, uses the gradient each node really received.
 */
final class BrickCheck {
    private BrickCheck() {}

    /**
     * The checked tensors of {@code brick} at {@code inputs} with output weights {@code r}: one per
     * input (named by {@code inputNames}) and one per parameter, each name after {@code prefix};
     * and the function they are the gradients of. The brick is left having run forward at the point.
     */
    static Prepared prepare(Brick brick, Tensor[] inputs, Tensor[] r, String prefix, List<String> inputNames) {
        brick.setInputGradientNeeded(true);
        DoubleSupplier f = () -> dot(brick.forward(inputs), r);
        brick.forward(inputs);
        Tensor[] weights = new Tensor[r.length];
        for (int j = 0; j < r.length; j++) {
            weights[j] = r[j].copy();
        }
        Tensor[] dx = brick.backward(weights);
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (dx == null || dx.length != inputs.length || dx[i] == null) {
                throw new IllegalStateException(
                        brick.getClass().getSimpleName() + ": backward gave no gradient for " + inputNames.get(i)
                                + " although input gradients were asked for (setInputGradientNeeded(true))");
            }
            checked.add(new Checked(prefix + inputNames.get(i), inputs[i], dx[i].copy()));
        }
        for (Parameter p : brick.parameters()) {
            checked.add(new Checked(prefix + p.name(), p.value(), p.grad().copy()));
        }
        return new Prepared(f, checked);
    }

    /** A function and the tensors to check it by. */
    record Prepared(DoubleSupplier f, List<Checked> checked) {}

    static double dot(Tensor[] outputs, Tensor[] r) {
        if (outputs.length != r.length) {
            throw new IllegalStateException(
                    "GradientCheck: the brick gave " + outputs.length + " outputs, expected " + r.length);
        }
        double s = 0;
        for (int j = 0; j < r.length; j++) {
            double[] x = outputs[j].data();
            double[] y = r[j].data();
            for (int i = 0; i < x.length; i++) {
                s += x[i] * y[i];
            }
        }
        return s;
    }
}

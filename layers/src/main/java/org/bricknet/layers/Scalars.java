package org.bricknet.layers;

import java.util.Arrays;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/** The checks of the book's scalar layers ({@link MulLayer}, {@link AddLayer}) on tensors of one value. */
final class Scalars {
    private Scalars() {}

    /** Two inputs of one value each. */
    static void requireOne(String layer, Tensor[] inputs) {
        if (inputs.length != 2 || inputs[0].size() != 1 || inputs[1].size() != 1) {
            throw new IllegalArgumentException(layer + ": expected two inputs of one value each (the book's scalars;"
                    + " for tensors use " + tensorBrick(layer) + "), got "
                    + Arrays.stream(inputs).map(Tensor::shapeString).toList());
        }
    }

    /** Examples of one value each, for a graph; the output's example shape is the first input's. */
    static int[] requireOne(String layer, int[][] inputShapes) {
        for (int[] s : inputShapes) {
            if (Arrays.stream(s).reduce(1, (a, b) -> a * b) != 1) {
                throw new IllegalArgumentException(layer + " expects examples of one value each (the book's"
                        + " scalars; for tensors use " + tensorBrick(layer) + "), got "
                        + Arrays.stream(inputShapes).map(Tensor::shapeString).toList());
            }
        }
        return inputShapes[0].clone();
    }

    /** The one output gradient, of the output's shape, as a number. */
    static double gradient(String layer, Tensor output, Tensor[] outputGradients) {
        Shapes.requireForward(layer, output);
        if (outputGradients.length != 1) {
            throw new IllegalArgumentException(layer + ": expected one output gradient, got " + outputGradients.length);
        }
        Shapes.requireSame(layer, "output gradient", output, outputGradients[0]);
        return outputGradients[0].data()[0];
    }

    private static String tensorBrick(String layer) {
        return layer.startsWith("Mul") ? "Multiply" : "Add";
    }
}

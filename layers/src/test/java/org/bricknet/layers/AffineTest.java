package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples, and Affine under the layer contract (gradient and the other promises,
 * inherited as jqwik properties) on (N, D) input and on (N, C, H, W) input it flattens.
 */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class AffineTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int in = 1;
        for (int i = 1; i < inputShape.length; i++) {
            in *= inputShape[i];
        }
        int out = 1 + random.nextInt(12);
        return new Affine(Tensor.randn(random, 1.0, in, out), Tensor.randn(random, 1.0, out));
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Arbitraries.oneOf(
                Tensors.matrixShapes(8, 16), Tensors.shapes(2, 4, 3).filter(s -> s.length >= 2));
    }

    @Test
    void forwardByHand() {
        // x = [[1, 2]], W = [[1, 2, 3], [4, 5, 6]], b = [0.5, -1, 0]
        // y = [1+8, 2+10, 3+12] + b = [9.5, 11, 15]
        Affine affine = new Affine(Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}}), Tensor.vector(0.5, -1, 0));
        Tensor y = affine.forward(Tensor.matrix(new double[][] {{1, 2}, {0, -1}}));
        assertArrayEquals(new double[] {9.5, 11, 15, -3.5, -6, -6}, y.data());
    }

    @Test
    void backwardByHand() {
        Affine affine = new Affine(Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}}), Tensor.vector(0, 0, 0));
        affine.forward(Tensor.matrix(new double[][] {{1, 2}, {0, -1}}));
        Tensor dx = affine.backward(Tensor.matrix(new double[][] {{1, 0, 1}, {0, 1, 0}}));
        // dx = dout·Wᵀ = [[1+3, 4+6], [2, 5]]
        assertArrayEquals(new double[] {4, 10, 2, 5}, dx.data());
        // dW = xᵀ·dout = [[1, 0, 1], [2, -1, 2]]; db = column sums = [1, 1, 1]
        assertArrayEquals(
                new double[] {1, 0, 1, 2, -1, 2}, affine.weights().grad().data());
        assertArrayEquals(new double[] {1, 1, 1}, affine.bias().grad().data());
    }

    @Test
    void imageInputIsFlattenedAndItsGradientKeepsItsShape() {
        Affine affine = new Affine(12, 2, 0.1, new Random(1));
        Tensor x = Tensor.randn(new Random(2), 1.0, 2, 3, 2, 2);
        assertArrayEquals(new int[] {2, 2}, affine.forward(x).shape());
        assertArrayEquals(
                new int[] {2, 3, 2, 2}, affine.backward(Tensor.zeros(2, 2)).shape());
    }

    @Test
    void skipsTheInputGradientWhenToldItIsNotNeeded() {
        Affine affine = new Affine(3, 2, 0.1, new Random(1));
        affine.setInputGradientNeeded(false);
        affine.forward(Tensor.zeros(4, 3));
        assertNull(affine.backward(Tensor.zeros(4, 2).fill(1)));
        assertArrayEquals(new double[] {4, 4}, affine.bias().grad().data());
    }

    @Test
    void wrongShapesNameTheLayerAndBothShapes() {
        Affine affine = new Affine(3, 2, 0.1, new Random(1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> affine.forward(Tensor.zeros(4, 5)));
        assertEquals(
                "Affine: expected input of shape (N, 3) or (N, ...) with 3 values per row, got (4, 5)", e.getMessage());
        affine.forward(Tensor.zeros(4, 3));
        e = assertThrows(IllegalArgumentException.class, () -> affine.backward(Tensor.zeros(4, 3)));
        assertEquals("Affine: expected output gradient of shape (4, 2), got (4, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Affine(Tensor.zeros(3, 2), Tensor.zeros(3)));
        assertEquals("Affine: expected bias of shape (2,), got (3,)", e.getMessage());
    }

    @Test
    void inAGraphItTakesItsInputSizeFromTheGraph() {
        Affine fc = new Affine(3, WeightInit.he());
        IllegalStateException early = assertThrows(IllegalStateException.class, fc::weights);
        assertEquals("Affine(3): its weights are created when a graph holding it is built", early.getMessage());
        org.bricknet.core.Graph g = org.bricknet.core.Graph.builder()
                .input("x", 2, 2)
                .node("fc", fc, "x")
                .output("fc")
                .build(new Random(1));
        assertArrayEquals(new int[] {4, 3}, fc.weights().value().shape());
        assertArrayEquals(new int[] {3}, g.exampleShape("fc"));
        // He initialisation with fan-in 4, drawn from the graph's Random
        Tensor expected = WeightInit.he().sample(new Random(1), 4, 4, 3);
        assertArrayEquals(expected.data(), fc.weights().value().data());
    }

    @Test
    void withoutTheInputsShapeTheGraphSaysWhatIsMissing() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> org.bricknet.core.Graph.builder()
                        .input("x")
                        .node("fc", new Affine(3, WeightInit.he()), "x")
                        .output("fc")
                        .build(new Random(1)));
        assertEquals(
                "Graph: node 'fc' (Affine): Affine(3) needs the number of its input values to create its weights;"
                        + " declare the shapes of the graph's inputs",
                e.getMessage());
    }
}

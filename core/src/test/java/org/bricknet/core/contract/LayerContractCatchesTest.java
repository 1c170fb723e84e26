package org.bricknet.core.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Scale;
import org.junit.jupiter.api.Test;

/** Each property of the contract fails for a layer that breaks its promise. */
class LayerContractCatchesTest {
    private final Tensor x = Tensor.randn(new Random(1), 1.0, 3, 4);

    private static LayerContract contractFor(Scale.Fault fault) {
        return new LayerContract() {
            @Override
            protected Layer create(int[] inputShape, Random random) {
                return new Scale(inputShape[1], random, fault);
            }

            @Override
            protected Arbitrary<int[]> inputShapes() {
                return Tensors.matrixShapes(4, 4);
            }
        };
    }

    @Test
    void aWrongGradient() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> contractFor(Scale.Fault.GRADIENT).backwardMatchesNumericalGradient(x, 5, true));
        assertTrue(e.getMessage().contains("FAILED"), e.getMessage());
        contractFor(Scale.Fault.NONE).backwardMatchesNumericalGradient(x, 5, true);
    }

    @Test
    void aWrongShapeAccepted() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> contractFor(Scale.Fault.NO_SHAPE_CHECK).wrongShapesAreRejected(x, 5));
        assertTrue(e.getMessage().contains("(3, 5)"), e.getMessage());
        contractFor(Scale.Fault.NONE).wrongShapesAreRejected(x, 5);
    }

    @Test
    void anInputModifiedInPlace() {
        Tensor big = x.copy().fill(2.0);
        assertThrows(
                AssertionError.class,
                () -> contractFor(Scale.Fault.MODIFIES_INPUT).forwardDoesNotModifyItsInput(big, 5, true));
        contractFor(Scale.Fault.NONE).forwardDoesNotModifyItsInput(x.copy().fill(2.0), 5, true);
    }

    @Test
    void aGradientThatAccumulatesAcrossBackwardCalls() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> contractFor(Scale.Fault.ACCUMULATES).backwardTwiceGivesTheSameResult(x, 5, true));
        assertTrue(e.getMessage().contains("gradient of s"), e.getMessage());
        contractFor(Scale.Fault.NONE).backwardTwiceGivesTheSameResult(x, 5, true);
    }

    @Test
    void randomnessNotFromTheSeed() {
        assertThrows(
                AssertionError.class, () -> contractFor(Scale.Fault.UNSEEDED).sameSeedGivesTheSameOutput(x, 5, true));
        contractFor(Scale.Fault.NONE).sameSeedGivesTheSameOutput(x, 5, true);
    }
}

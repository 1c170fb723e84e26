package org.bricknet.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

class TensorsTest {

    @Provide
    Arbitrary<Tensor> offKinks() {
        return Tensors.of(Tensors.matrixShapes(4, 5)).between(-1, 3).awayFrom(0.25, 0.0, 1.0);
    }

    @Property(tries = 200, seed = Seeds.FIXED)
    void valuesStayInTheRangeAndAwayFromTheKinks(@ForAll("offKinks") Tensor x) {
        assertEquals(2, x.rank());
        assertTrue(x.dim(0) >= 1 && x.dim(0) <= 4 && x.dim(1) >= 1 && x.dim(1) <= 5, x::toString);
        for (double v : x.data()) {
            assertTrue(v >= -1 && v <= 3, x::toString);
            assertTrue(Math.abs(v) >= 0.25 && Math.abs(v - 1) >= 0.25, x::toString);
        }
    }

    @Provide
    Arbitrary<int[]> batchedImages() {
        return Tensors.shapes(8, 3, 5, 5);
    }

    @Property(tries = 50, seed = Seeds.FIXED)
    void aFixedTailAfterARandomBatch(@ForAll("batchedImages") int[] shape) {
        assertEquals(4, shape.length);
        assertTrue(shape[0] >= 1 && shape[0] <= 8);
        assertArrayEquals(new int[] {3, 5, 5}, java.util.Arrays.copyOfRange(shape, 1, 4));
    }

    @Provide
    Arbitrary<int[]> anyRank() {
        return Tensors.shapes(2, 4, 3);
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void ranksAndDimensionsInTheirBounds(@ForAll("anyRank") int[] shape) {
        assertTrue(shape.length >= 2 && shape.length <= 4);
        for (int d : shape) {
            assertTrue(d >= 1 && d <= 3);
        }
    }

    @Test
    void badRangesAndMarginsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> Tensors.ofShape(2).between(1, 1));
        assertThrows(IllegalArgumentException.class, () -> Tensors.ofShape(2).awayFrom(0, 0.0));
    }
}

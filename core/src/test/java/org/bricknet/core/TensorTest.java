package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void rowMajorLayoutAndMultiIndex() {
        Tensor t = Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertEquals(5.0, t.get(1, 2));
        assertEquals(3.0, t.get(1, 0));
        assertArrayEquals(new int[] {1, 1}, t.multiIndex(4));
        assertEquals("(2, 3)", t.shapeString());
        assertEquals("(3,)", Tensor.zeros(3).shapeString());
    }

    @Test
    void rowsAndColsViewABatchAsAMatrix() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertEquals(2, t.rows());
        assertEquals(12, t.cols());
    }

    @Test
    void reshapeIsAViewAndInfersMinusOne() {
        Tensor t = Tensor.zeros(2, 3, 4);
        Tensor r = t.reshape(2, -1);
        assertArrayEquals(new int[] {2, 12}, r.shape());
        r.set(9.0, 0, 11);
        assertEquals(9.0, t.get(0, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.reshape(5, 5));
        assertTrue(e.getMessage().contains("(2, 3, 4)"), e.getMessage());
    }

    @Test
    void seededNoiseRepeatsAndHasTheAskedScale() {
        Tensor a = Tensor.randn(new Random(7), 0.5, 200, 50);
        Tensor b = Tensor.randn(new Random(7), 0.5, 200, 50);
        assertArrayEquals(a.data(), b.data());
        double sum = 0;
        double sq = 0;
        for (double v : a.data()) {
            sum += v;
            sq += v * v;
        }
        double mean = sum / a.size();
        double std = Math.sqrt(sq / a.size() - mean * mean);
        assertEquals(0.0, mean, 0.01);
        assertEquals(0.5, std, 0.01);
        assertNotEquals(a.get(0, 0), Tensor.randn(new Random(8), 0.5, 200, 50).get(0, 0));
    }

    @Test
    void badShapesAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[5], 2, 3));
        assertTrue(e.getMessage().contains("needs 6 values, got 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1 << 16, 1 << 16));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 2).get(2, 0));
    }

    @Test
    void copyIsDeep() {
        Tensor a = Tensor.vector(1, 2, 3);
        Tensor b = a.copy();
        b.set(10, 0);
        assertEquals(1.0, a.get(0));
    }
}

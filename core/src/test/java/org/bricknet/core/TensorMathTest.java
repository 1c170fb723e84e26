package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

/** Element-wise operations and reductions: hand-worked examples, shape rules, and laws over random tensors. */
class TensorMathTest {
    private static final Tensor M = Tensor.matrix(new double[][] {{1, -2, 3}, {-4, 5, -6}});

    @Test
    void elementWiseOperationsByHand() {
        Tensor n = Tensor.matrix(new double[][] {{1, 1, 1}, {2, 2, 2}});
        assertArrayEquals(new double[] {2, -1, 4, -2, 7, -4}, M.add(n).data());
        assertArrayEquals(new double[] {0, -3, 2, -6, 3, -8}, M.subtract(n).data());
        assertArrayEquals(new double[] {1, -2, 3, -8, 10, -12}, M.multiply(n).data());
        assertArrayEquals(new double[] {0.5, -1, 1.5, -2, 2.5, -3}, M.scale(0.5).data());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, M.abs().data());
        assertArrayEquals(new int[] {2, 3}, M.abs().shape());
        // each returns a new tensor and leaves its arguments alone
        assertArrayEquals(new double[] {1, -2, 3, -4, 5, -6}, M.data());
    }

    @Test
    void reductionsRemoveTheirAxis() {
        assertEquals(-3.0, M.sum());
        assertEquals(-0.5, M.mean());
        assertEquals(5.0, M.max());
        assertEquals(-6.0, M.min());
        assertEquals(4, M.argmax());
        assertArrayEquals(new double[] {-3, 3, -3}, M.sum(0).data());
        assertArrayEquals(new int[] {3}, M.sum(0).shape());
        assertArrayEquals(new double[] {2, -5}, M.sum(1).data());
        assertArrayEquals(new double[] {2, -5}, M.sum(-1).data());
        assertArrayEquals(new double[] {2.0 / 3, -5.0 / 3}, M.mean(1).data(), 1e-15);
        assertArrayEquals(new double[] {1, 5, 3}, M.max(0).data());
        assertArrayEquals(new double[] {-2, -6}, M.min(1).data());
        assertArrayEquals(new double[] {2, 1}, M.argmax(1).data());
        assertArrayEquals(new double[] {0, 1, 0}, M.argmax(0).data());
        // a vector reduces to a scalar tensor of shape ()
        Tensor s = Tensor.vector(1, 2, 3).sum(0);
        assertEquals(0, s.rank());
        assertEquals(6.0, s.data()[0]);
    }

    @Test
    void aMiddleAxisOfARankThreeTensor() {
        Tensor t = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3, 2);
        Tensor s = t.sum(1);
        assertArrayEquals(new int[] {2, 2}, s.shape());
        assertArrayEquals(new double[] {0 + 2 + 4, 1 + 3 + 5, 6 + 8 + 10, 7 + 9 + 11}, s.data());
    }

    @Test
    void argmaxTakesTheFirstOfTiesAndNanWins() {
        assertEquals(1, Tensor.vector(0, 2, 2).argmax());
        assertEquals(2, Tensor.vector(0, 2, Double.NaN, 5).argmax());
        assertTrue(Double.isNaN(Tensor.vector(0, Double.NaN, 5).max()));
        assertTrue(Double.isNaN(Tensor.vector(Double.NaN, 5).min()));
    }

    @Test
    void allCloseIsNumpysRule() {
        Tensor a = Tensor.vector(1, 100);
        assertTrue(a.allClose(Tensor.vector(1 + 1e-6, 100 + 1e-4)));
        assertFalse(a.allClose(Tensor.vector(1 + 1e-4, 100)));
        assertTrue(a.allClose(Tensor.vector(1.5, 100), 0, 0.5));
        assertFalse(Tensor.vector(Double.NaN).allClose(Tensor.vector(Double.NaN)));
        assertTrue(Tensor.vector(Double.POSITIVE_INFINITY).allClose(Tensor.vector(Double.POSITIVE_INFINITY)));
        assertFalse(Tensor.vector(Double.POSITIVE_INFINITY).allClose(Tensor.vector(Double.NEGATIVE_INFINITY)));
        // not symmetric: the tolerance scales with the second argument
        Tensor x = Tensor.vector(0.0);
        Tensor y = Tensor.vector(1.0);
        assertTrue(x.allClose(y, 1.0, 0));
        assertFalse(y.allClose(x, 1.0, 0));
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> M.add(Tensor.zeros(3, 2)));
        assertEquals("Tensor.add: expected a tensor of shape (2, 3), got (3, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> M.sum(2));
        assertEquals("Tensor: axis 2 is outside a tensor of shape (2, 3) (expected -2 to 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> M.allClose(M, Double.NaN, 0));
        assertEquals("Tensor.allClose: expected tolerances >= 0, got rtol NaN and atol 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> M.allClose(null));
        assertEquals("Tensor.allClose: expected a tensor of shape (2, 3), got null", e.getMessage());
    }

    @Property(seed = Seeds.FIXED, tries = 50)
    void reducingEveryAxisInTurnGivesTheWholeReduction(
            @ForAll @IntRange(min = 1, max = 4) int a,
            @ForAll @IntRange(min = 1, max = 4) int b,
            @ForAll @IntRange(min = 1, max = 4) int c,
            @ForAll long seed) {
        Tensor t = Tensor.randn(new Random(seed), 1.0, a, b, c);
        assertEquals(t.sum(), t.sum(2).sum(1).sum(0).data()[0], 1e-12);
        assertEquals(t.max(), t.max(0).max(0).max(0).data()[0]);
        assertEquals(t.min(), t.min(1).min(-1).min(0).data()[0]);
        assertEquals(t.mean(), t.mean(0).mean(0).mean(0).data()[0], 1e-12);
        // argmax along an axis points at the maximum along it
        Tensor idx = t.argmax(1);
        Tensor max = t.max(1);
        for (int i = 0; i < a; i++) {
            for (int k = 0; k < c; k++) {
                assertEquals(max.get(i, k), t.get(i, (int) idx.get(i, k), k));
            }
        }
        assertEquals(t.max(), t.data()[t.argmax()]);
    }

    @Property(seed = Seeds.FIXED, tries = 50)
    void arithmeticLaws(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.randn(r, 1.0, n);
        Tensor y = Tensor.randn(r, 1.0, n);
        assertTrue(x.add(y).subtract(y).allClose(x, 0, 1e-12));
        assertArrayEquals(x.multiply(y).data(), y.multiply(x).data());
        assertArrayEquals(x.add(x).data(), x.scale(2).data());
        assertEquals(0.0, x.subtract(x).abs().max());
        assertTrue(x.abs().min() >= 0);
    }
}

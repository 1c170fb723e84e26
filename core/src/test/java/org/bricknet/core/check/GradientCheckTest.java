package org.bricknet.core.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.TestLayers.MatMul;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
    private final Random random = new Random(3);
    private final Tensor x = Tensor.randn(random, 1.0, 4, 5);
    private final Tensor w = Tensor.randn(random, 1.0, 5, 5);

    @Test
    void passesACorrectLayer() {
        GradientReport report = GradientCheck.layer(new MatMul(w, MatMul.Mistake.NONE), x, 11);
        assertTrue(report.passed(), report::toString);
        assertEquals(2, report.rows().size());
        assertTrue(report.maxRelError() < 1e-7, report::toString);
        GradientCheck.assertLayer(new MatMul(w, MatMul.Mistake.NONE), x, 11);
    }

    @Test
    void failsAnInputGradientOffByAFactorAndSaysWhere() {
        AssertionError e = assertThrows(
                AssertionError.class, () -> GradientCheck.assertLayer(new MatMul(w, MatMul.Mistake.FACTOR), x, 11));
        assertTrue(e.getMessage().contains("FAILED"), e.getMessage());
        GradientReport report = GradientCheck.layer(new MatMul(w, MatMul.Mistake.FACTOR), x, 11);
        GradientReport.Row input = report.row("input");
        assertFalse(input.passed());
        assertEquals(20, input.failures());
        // every element is off by 1 %, so relative errors are 0.01/1.01
        assertEquals(0.01 / 1.01, input.maxRelError(), 1e-6);
        assertTrue(report.row("W").passed(), report::toString);
        String worst = Tensor.shapeString(input.worstIndex());
        assertTrue(e.getMessage().contains(worst), e.getMessage());
    }

    @Test
    void failsATransposedWeightGradient() {
        GradientReport report = GradientCheck.layer(new MatMul(w, MatMul.Mistake.TRANSPOSED), x, 11);
        assertFalse(report.passed());
        assertFalse(report.row("W").passed());
        assertTrue(report.row("input").passed());
        GradientReport.Row row = report.row("W");
        int[] at = row.worstIndex();
        // The reported values are those at the reported index.
        MatMul right = new MatMul(w, MatMul.Mistake.NONE);
        GradientReport good = GradientCheck.layer(right, x, 11);
        assertTrue(good.passed());
        assertEquals(2, at.length);
        assertTrue(Math.abs(row.worstAnalytic() - row.worstNumerical()) > 1e-3, report::toString);
    }

    @Test
    void compareNamesTheWorstElementAndItsValues() {
        Tensor a = Tensor.of(new double[] {1.0, 2.0, 3.0, 4.0}, 2, 2);
        Tensor n = Tensor.of(new double[] {1.0, 2.0, 3.3, 4.0}, 2, 2);
        GradientReport r = GradientCheck.compare(Map.of("W", a), Map.of("W", n));
        GradientReport.Row row = r.row("W");
        assertArrayEquals(new int[] {1, 0}, row.worstIndex());
        assertEquals(3.0, row.worstAnalytic());
        assertEquals(3.3, row.worstNumerical());
        assertEquals(0.3 / 3.3, row.maxRelError(), 1e-12);
        assertEquals(1, row.failures());
        assertTrue(r.toString().contains("(1, 0)"), r::toString);
    }

    @Test
    void tinyAbsoluteDifferencesNearZeroPass() {
        Tensor a = Tensor.vector(1e-13, 0.5);
        Tensor n = Tensor.vector(3e-13, 0.5);
        GradientReport r = GradientCheck.compare(Map.of("b", a), Map.of("b", n));
        assertTrue(r.passed(), r::toString);
        assertEquals(0.0, r.maxRelError());
    }

    @Test
    void nanIsAFailure() {
        GradientReport r =
                GradientCheck.compare(Map.of("b", Tensor.vector(Double.NaN)), Map.of("b", Tensor.vector(1.0)));
        assertFalse(r.passed());
    }

    @Test
    void mismatchedKeysOrShapesAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> GradientCheck.compare(Map.of("a", Tensor.zeros(1)), Map.of("b", Tensor.zeros(1))));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GradientCheck.compare(Map.of("a", Tensor.zeros(2)), Map.of("a", Tensor.zeros(3))));
        assertTrue(e.getMessage().contains("(2,)") && e.getMessage().contains("(3,)"), e.getMessage());
    }
}

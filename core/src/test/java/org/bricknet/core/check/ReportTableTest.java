package org.bricknet.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.TestLayers.MatMul;
import org.junit.jupiter.api.Test;

/** The report reads as an aligned table and a failed assertion carries it. */
class ReportTableTest {
    private final Random random = new Random(3);
    private final Tensor x = Tensor.randn(random, 1.0, 4, 5);
    private final Tensor w = Tensor.randn(random, 1.0, 5, 5);

    @Test
    void oneAlignedLinePerTensorUnderAHeader() {
        GradientReport r = GradientCheck.layer(new MatMul(w, MatMul.Mistake.TRANSPOSED), x, 11);
        String[] lines = r.toString().split("\n");
        assertEquals(1 + 1 + 2 + 1 + 1, lines.length, r::toString);
        assertTrue(lines[0].startsWith("gradient check, full: pass when rel <= 1.0e-06 or abs <= 1.0e-08"), lines[0]);
        for (String column : new String[] {
            "tensor", "shape", "checked", "skipped", "failed", "max abs", "max rel", "worst at", "analytic", "numerical"
        }) {
            assertTrue(lines[1].contains(column), lines[1]);
        }
        assertEquals(lines[1].length(), lines[2].length(), r::toString);
        assertEquals(lines[1].length(), lines[3].length(), r::toString);
        assertTrue(lines[2].startsWith("input "), lines[2]);
        assertTrue(lines[3].startsWith("W "), lines[3]);
        assertTrue(lines[3].contains(Tensor.shapeString(r.row("W").worstIndex())), lines[3]);
        assertTrue(lines[4].startsWith("W's worst as a plain derivative, ∂y("), lines[4]);
        assertTrue(lines[5].startsWith("FAILED: 20 of 45 compared"), lines[5]);
    }

    @Test
    void theWorstElementIsTheOneMostTolerancesOff() {
        GradientReport r = GradientCheck.layer(new MatMul(w, MatMul.Mistake.TRANSPOSED), x, 11);
        GradientReport.Row row = r.row("W");
        int[] at = row.worstIndex();
        assertEquals(2, at.length);
        // W's transposed gradient is right on the diagonal, wrong off it
        assertTrue(at[0] != at[1], row::worstAt);
        assertEquals(20, row.failures());
        // every failure here is far above atol, so "most tolerances off" is "largest relative error"
        assertEquals(
                row.maxRelError(),
                Tolerance.relativeError(row.worstAnalytic(), row.worstNumerical()),
                1e-15,
                r::toString);
    }

    @Test
    void aFailedAssertionCarriesTheTable() {
        AssertionError e = assertThrows(
                AssertionError.class, () -> GradientCheck.assertLayer(new MatMul(w, MatMul.Mistake.FACTOR), x, 11));
        String table =
                GradientCheck.layer(new MatMul(w, MatMul.Mistake.FACTOR), x, 11).toString();
        assertEquals("gradient check of MatMul failed\n" + table, e.getMessage());
    }
}

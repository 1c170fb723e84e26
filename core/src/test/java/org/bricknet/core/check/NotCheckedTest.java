package org.bricknet.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.Checker.Checked;
import org.junit.jupiter.api.Test;

/**
 * A tensor none of whose elements was compared, every one on a kink, is "not checked": the check
 * fails unless the caller allows it, and the table says so either way. Before, such a report said
 * PASSED having compared nothing.
 */
class NotCheckedTest {
    /** {@code f(x, w) = Σ relu(x_i) + Σ w_j²}: x at exactly 0 sits on ReLU's kink in every element. */
    private static GradientReport check(CheckMode mode) {
        Tensor x = Tensor.zeros(4);
        Tensor w = Tensor.vector(0.5, -1.0);
        DoubleSupplier f = () -> {
            double s = 0;
            for (double v : x.data()) {
                s += Math.max(v, 0);
            }
            for (double v : w.data()) {
                s += v * v;
            }
            return s;
        };
        return Checker.run(
                f,
                List.of(new Checked("x", x, Tensor.zeros(4)), new Checked("w", w, Tensor.vector(1.0, -2.0))),
                mode,
                Tolerance.DEFAULT);
    }

    @Test
    void aTensorEntirelyOnKinksIsNotCheckedAndTheCheckFails() {
        for (CheckMode mode : List.of(CheckMode.full(), CheckMode.subset(2, 1), CheckMode.directions(3, 1))) {
            GradientReport r = check(mode);
            assertEquals(List.of("x"), r.notChecked(), r::toString);
            assertTrue(r.row("x").notChecked() && r.row("x").passed(), r::toString);
            assertEquals(0, r.failures(), r::toString);
            assertFalse(r.passed(), "nothing of x was compared\n" + r);
            String table = r.toString();
            assertTrue(table.contains("NOT CHECKED"), table);
            assertTrue(table.endsWith("; not checked (every element or direction on a kink): x"), table);
            assertTrue(table.lines().reduce((a, b) -> b).orElseThrow().startsWith("FAILED: 0 of "), table);
        }
    }

    @Test
    void theCallerMayAllowIt() {
        GradientReport r = check(CheckMode.full()).allowingUnchecked();
        assertTrue(r.passed(), r::toString);
        assertTrue(
                r.toString().endsWith("PASSED as allowed; not checked (every element or direction on a kink): x"),
                r::toString);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(
                AssertionError.class, () -> GradientCheck.assertPassed(check(CheckMode.full()), "f"));
        assertTrue(e.getMessage().contains("NOT CHECKED"), e.getMessage());
        GradientCheck.assertPassed(check(CheckMode.full()).allowingUnchecked(), "f");
    }
}

package org.bricknet.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.Checker.Checked;
import org.junit.jupiter.api.Test;

/** The one-sided slopes tell a kink from a wrong gradient. */
class KinkRuleTest {

    /** f(x) = Σ max(x_i, 0)·c_i: a kink (slopes 0 and c_i) in every element whose x is 0. */
    private static DoubleSupplier absSum(Tensor x, double[] c) {
        return () -> {
            double s = 0;
            for (int i = 0; i < c.length; i++) {
                s += Math.max(x.data()[i], 0.0) * c[i];
            }
            return s;
        };
    }

    @Test
    void anElementOnAKinkIsSkippedNotFailed() {
        Tensor x = Tensor.vector(0.0, 0.5, -2.0);
        double[] c = {3.0, 1.5, -1.0};
        // analytic with ReLU's convention, slope 0 at 0; the central difference there is c/2 = 1.5
        Tensor a = Tensor.vector(0.0, 1.5, 0.0);
        GradientReport r =
                Checker.run(absSum(x, c), List.of(new Checked("x", x, a)), CheckMode.full(), Tolerance.DEFAULT);
        assertTrue(r.passed(), r::toString);
        assertEquals(1, r.row("x").skipped());
        assertEquals(3, r.row("x").checked());
    }

    @Test
    void aWrongGradientAtASmoothPointStillFails() {
        Tensor x = Tensor.vector(0.0, 0.5, -2.0);
        double[] c = {3.0, 1.5, -1.0};
        Tensor a = Tensor.vector(0.0, 1.5 * 1.001, 0.0);
        GradientReport r =
                Checker.run(absSum(x, c), List.of(new Checked("x", x, a)), CheckMode.full(), Tolerance.DEFAULT);
        assertFalse(r.passed(), r::toString);
        assertEquals(1, r.row("x").failures());
        assertEquals(1, r.row("x").skipped());
        assertEquals("(1,)", r.row("x").worstAt());
    }

    @Test
    void aStronglyCurvedButSmoothFunctionIsNotCalledAKink() {
        // f = exp(5x) at x = 1: f'' = 5 f', the one-sided slopes differ by h·f'' = 5e-5·f'
        Tensor x = Tensor.vector(1.0);
        Tensor a = Tensor.vector(5 * Math.exp(5) * 1.0001);
        GradientReport r = Checker.run(
                () -> Math.exp(5 * x.data()[0]), List.of(new Checked("x", x, a)), CheckMode.full(), Tolerance.DEFAULT);
        assertEquals(1, r.row("x").failures(), r::toString);
        assertEquals(0, r.row("x").skipped(), r::toString);
    }

    @Test
    void theSlopesMustSplitByKinkFactorTolerancesAndAccountForTheError() {
        Tolerance t = Tolerance.of(1e-6, 1e-9);
        assertTrue(t.isKink(1.0, 0.5, 1.0, 0.0));
        // split 0.9e-4 is below 100 tolerances of 1e-6
        assertFalse(t.isKink(1.0, 1.0 - 0.45e-4, 1.0, 1.0 - 0.9e-4));
        assertTrue(t.isKink(1.0, 1.0 - 0.55e-4, 1.0, 1.0 - 1.1e-4));
        // a split of 1e-3 does not excuse an error of 1e-2
        assertFalse(t.isKink(1.0, 0.99, 1.0, 1.0 - 1e-3));
    }

    @Test
    void aKinkJustInsideTheStepButNotOnThePointIsLeftOutByASmallerStep() {
        // the kink sits 0.3e-5 below x = 1e-5, inside the usual step h = 1e-5: the central difference
        // straddles it; the step h/16 does not, and there the right gradient agrees
        double kink = 1e-5 - 0.3e-5;
        Tensor x = Tensor.vector(1e-5);
        Tensor a = Tensor.vector(2.0);
        GradientReport r = Checker.run(
                () -> 2 * Math.max(x.data()[0] - kink, 0),
                List.of(new Checked("x", x, a)),
                CheckMode.full(),
                Tolerance.DEFAULT);
        assertTrue(r.passed(), r::toString);
        assertEquals(0, r.row("x").skipped(), r::toString);
        assertEquals(1, r.row("x").compared(), r::toString);
    }

    @Test
    void twoKinksOnThePointAtOnceAreAKinkThoughNeitherSlopeIsTheConventionsValue() {
        // f(x) = relu(x)·0.02 + relu(−x)·(−0.016): slopes 0.02 right of 0 and 0.016 left of it, and
        // ReLU's convention (slope 0 at 0) gives 0 for both terms; the central difference 0.018 is
        // further from 0 than the slopes are from each other, so the one-step rule called it a failure
        // (a CNN's zero pixels sit on many such points at once)
        Tensor x = Tensor.vector(0.0, 0.7);
        DoubleSupplier f = () -> {
            double[] v = x.data();
            return 0.02 * Math.max(v[0], 0) - 0.016 * Math.max(-v[0], 0) + v[1] * v[1];
        };
        Tensor a = Tensor.vector(0.0, 1.4);
        GradientReport r = Checker.run(f, List.of(new Checked("x", x, a)), CheckMode.full(), Tolerance.DEFAULT);
        assertTrue(r.passed(), r::toString);
        assertEquals(1, r.row("x").skipped(), r::toString);
        assertEquals(0, r.row("x").failures(), r::toString);
        // a wrong gradient beside it still fails
        GradientReport wrong = Checker.run(
                f, List.of(new Checked("x", x, Tensor.vector(0.0, 1.4 * 1.001))), CheckMode.full(), Tolerance.DEFAULT);
        assertEquals(1, wrong.row("x").failures(), wrong::toString);
    }
}

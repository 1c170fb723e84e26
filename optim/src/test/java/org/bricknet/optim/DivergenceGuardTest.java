package org.bricknet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

/** The finiteness scan behind the trainer's divergence check, on one core and on two. */
class DivergenceGuardTest {

    @Property(tries = 100, seed = Seeds.FIXED)
    void oneBadValueAnywhereIsFoundByBothScans(@ForAll @IntRange(min = 1, max = 9000) int n,
            @ForAll @IntRange(min = 0, max = 8999) int at, @ForAll @IntRange(min = 0, max = 2) int kind) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 7 - 3) * (Double.MAX_VALUE / 4); // finite, some as large as doubles get
        }
        assertTrue(DivergenceGuard.finite(a, 0, n));
        assertTrue(DivergenceGuard.scalarFinite(a, 0, n));
        int i = at % n;
        a[i] = kind == 0 ? Double.NaN : kind == 1 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        assertFalse(DivergenceGuard.finite(a, 0, n));
        assertFalse(DivergenceGuard.scalarFinite(a, 0, n));
        // a range that leaves the bad value out is finite
        assertTrue(DivergenceGuard.finite(a, 0, i));
        assertTrue(DivergenceGuard.finite(a, i + 1, n));
    }

    @Test
    void aBadElementInTheSecondCoresHalfOfALargeGradientIsNamed() {
        Parameter w = new Parameter("W", Tensor.zeros(784, 30));
        w.grad().data()[20000] = Double.NaN;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new DivergenceGuard().check(0.5, Map.of("W1", w), 2, 7, 800, 3.0));
        assertTrue(e.getMessage().contains("the gradient of W1 is NaN at element 20000"), e.getMessage());
        w.grad().data()[20000] = 0;
        new DivergenceGuard().check(0.5, Map.of("W1", w), 2, 7, 800, 3.0);
        assertEquals(0, w.grad().data()[20000]);
    }
}

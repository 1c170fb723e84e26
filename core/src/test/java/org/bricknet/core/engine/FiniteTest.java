package org.bricknet.core.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;

/** The finiteness scan, with the Vector API and without, whole and split. */
@net.jqwik.api.Tag("engine")
class FiniteTest {

    @Property(tries = 100, seed = Seeds.FIXED)
    void oneBadValueAnywhereIsFoundByEveryScan(
            @ForAll @IntRange(min = 1, max = 9000) int n,
            @ForAll @IntRange(min = 0, max = 8999) int at,
            @ForAll @IntRange(min = 0, max = 2) int kind) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 7 - 3) * (Double.MAX_VALUE / 4); // finite, some as large as doubles get
        }
        Tensor t = Tensor.of(a, n);
        assertTrue(Finite.scan(a, 0, n));
        assertTrue(Finite.scalar(a, 0, n));
        assertTrue(Ops.allFinite(t));
        int i = at % n;
        a[i] = kind == 0 ? Double.NaN : kind == 1 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        assertFalse(Finite.scan(a, 0, n));
        assertFalse(Finite.scalar(a, 0, n));
        assertFalse(Ops.allFinite(t));
        // a range that leaves the bad value out is finite
        assertTrue(Finite.scan(a, 0, i));
        assertTrue(Finite.scan(a, i + 1, n));
    }
}

package org.bricknet.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The rectifier's passes, bit for bit the scalar formulas, on special values too, short (one
 * scalar loop) and long (split, and a SIMD register wide with the Vector API).
 */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class ElementWiseTest {
    private static final double[] SPECIAL = {
        0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE
    };

    @Property(tries = 40, seed = Seeds.FIXED)
    void rectifyAndKeepWherePositiveAreTheScalarFormulas(
            @ForAll @IntRange(min = 1, max = 20_000) int size, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.zeros(size);
        Tensor d = Tensor.zeros(size);
        for (int i = 0; i < size; i++) {
            x.data()[i] = r.nextInt(5) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextGaussian();
            d.data()[i] = r.nextInt(5) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextGaussian();
        }
        Tensor y = Tensor.randn(r, 1.0, size);
        Ops.rectify(x, y);
        Tensor out = Tensor.randn(r, 1.0, size);
        Ops.keepWherePositive(x, d, out);
        for (int i = 0; i < size; i++) {
            double xi = x.data()[i];
            assertEquals(Math.max(xi, 0.0), y.data()[i], "rectify at " + i + " of " + xi);
            // assertEquals on doubles compares bits (as Double.equals): +0.0 is not -0.0
            assertEquals(xi > 0 ? d.data()[i] : 0.0, out.data()[i], "keep at " + i + " of " + xi);
        }
    }

    @Test
    void shapesAreCheckedAndNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Ops.rectify(Tensor.zeros(2, 3), Tensor.zeros(3, 2)));
        assertEquals("Ops.rectify: expected the output of shape (2, 3), got (3, 2)", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Ops.keepWherePositive(Tensor.zeros(2, 3), Tensor.zeros(6), Tensor.zeros(2, 3)));
        assertEquals("Ops.keepWherePositive: expected the gradient of shape (2, 3), got (6,)", e.getMessage());
    }
}

package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.GradientCheck;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

class LeakyReluTest {

    @Test
    void forwardAndBackwardByHand() {
        LeakyRelu relu = new LeakyRelu(0.1);
        Tensor y = relu.forward(Tensor.matrix(new double[][] {{2.0, -0.5}, {-3.0, 0.25}}));
        assertArrayEquals(new double[] {2.0, -0.05, -0.3, 0.25}, y.data(), 1e-15);
        Tensor dx = relu.backward(Tensor.matrix(new double[][] {{5, 6}, {7, 8}}));
        assertArrayEquals(new double[] {5, 0.6, 0.7, 8}, dx.data(), 1e-15);
    }

    @Test
    void badSlopeAndShapeAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyRelu(-1));
        assertEquals("LeakyRelu: slope must be a finite number >= 0, got -1.0", e.getMessage());
        LeakyRelu relu = new LeakyRelu(0.01);
        relu.forward(Tensor.zeros(2, 3));
        e = assertThrows(IllegalArgumentException.class, () -> relu.backward(Tensor.zeros(6)));
        assertEquals("LeakyRelu: expected output gradient of shape (2, 3), got (6,)", e.getMessage());
    }

    /** Inputs are kept at least 0.1 away from the kink at 0, further than the step of 1e-5. */
    @Property(tries = 100, seed = Seeds.FIXED)
    void backwardMatchesNumericalGradient(@ForAll @IntRange(min = 1, max = 8) int batch,
            @ForAll @IntRange(min = 1, max = 16) int width,
            @ForAll @DoubleRange(min = 0, max = 0.5) double slope, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.zeros(batch, width, 1, 1);
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            double magnitude = 0.1 + 2 * r.nextDouble();
            d[i] = r.nextBoolean() ? magnitude : -magnitude;
        }
        GradientCheck.assertLayer(new LeakyRelu(slope), x, seed);
    }
}

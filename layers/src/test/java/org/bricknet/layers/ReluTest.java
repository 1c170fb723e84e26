package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.GradientCheck;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

class ReluTest {

    @Test
    void forwardAndBackwardByHand() {
        Relu relu = new Relu();
        Tensor y = relu.forward(Tensor.matrix(new double[][] {{1.0, -0.5}, {-2.0, 3.0}}));
        assertArrayEquals(new double[] {1.0, 0.0, 0.0, 3.0}, y.data());
        Tensor dx = relu.backward(Tensor.matrix(new double[][] {{5, 6}, {7, 8}}));
        assertArrayEquals(new double[] {5, 0, 0, 8}, dx.data());
    }

    @Test
    void backwardChecksTheShape() {
        Relu relu = new Relu();
        relu.forward(Tensor.zeros(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> relu.backward(Tensor.zeros(3, 2)));
        assertEquals("Relu: expected output gradient of shape (2, 3), got (3, 2)", e.getMessage());
    }

    /** Inputs are kept at least 0.1 away from the kink at 0, further than the step of 1e-5. */
    @Property(tries = 100, seed = Seeds.FIXED)
    void backwardMatchesNumericalGradient(@ForAll @IntRange(min = 1, max = 8) int batch,
            @ForAll @IntRange(min = 1, max = 16) int width, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.zeros(batch, width);
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            double magnitude = 0.1 + 2 * r.nextDouble();
            d[i] = r.nextBoolean() ? magnitude : -magnitude;
        }
        GradientCheck.assertLayer(new Relu(), x, seed);
    }
}

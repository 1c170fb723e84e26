package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.GradientCheck;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

class SigmoidTest {

    @Test
    void forwardAndBackwardByHand() {
        Sigmoid s = new Sigmoid();
        Tensor y = s.forward(Tensor.matrix(new double[][] {{0.0, Math.log(3)}}));
        assertEquals(0.5, y.get(0, 0), 1e-15);
        assertEquals(0.75, y.get(0, 1), 1e-15); // 1 / (1 + 1/3)
        Tensor dx = s.backward(Tensor.matrix(new double[][] {{1.0, 2.0}}));
        assertEquals(0.25, dx.get(0, 0), 1e-15);
        assertEquals(2 * 0.75 * 0.25, dx.get(0, 1), 1e-15);
    }

    @Test
    void staysFiniteForLargeInputs() {
        Tensor y = new Sigmoid().forward(Tensor.matrix(new double[][] {{-1000, 1000}}));
        assertEquals(0.0, y.get(0, 0));
        assertEquals(1.0, y.get(0, 1));
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void backwardMatchesNumericalGradient(@ForAll @IntRange(min = 1, max = 8) int batch,
            @ForAll @IntRange(min = 1, max = 16) int width, @ForAll long seed) {
        Random r = new Random(seed);
        GradientCheck.assertLayer(new Sigmoid(), Tensor.randn(r, 3.0, batch, width), seed);
    }
}

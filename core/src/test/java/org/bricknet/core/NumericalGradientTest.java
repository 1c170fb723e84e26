package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class NumericalGradientTest {

    @Test
    void gradientOfAKnownFunction() {
        // f(x) = x0² + 3·x0·x1 + sin(x1): ∇f = (2·x0 + 3·x1, 3·x0 + cos(x1))
        Tensor x = Tensor.vector(1.5, -0.7);
        double[] d = x.data();
        Tensor g = NumericalGradient.of(() -> d[0] * d[0] + 3 * d[0] * d[1] + Math.sin(d[1]), x);
        assertEquals(2 * 1.5 + 3 * -0.7, g.get(0), 1e-9);
        assertEquals(3 * 1.5 + Math.cos(-0.7), g.get(1), 1e-9);
    }

    @Test
    void restoresEveryElementExactly() {
        double[] values = {0.1, 1e-300, -3.3333333333333335, 12345.678901234567, 0.0};
        Tensor x = Tensor.vector(values);
        double[] before = x.data().clone();
        double[] d = x.data();
        NumericalGradient.of(() -> Math.exp(d[0]) * d[2] + d[3] * d[3] + d[1] + d[4], x);
        for (int i = 0; i < before.length; i++) {
            assertEquals(Double.doubleToRawLongBits(before[i]), Double.doubleToRawLongBits(d[i]), "element " + i);
        }
    }

    @Test
    void restoresEvenWhenTheFunctionThrows() {
        Tensor x = Tensor.vector(2.0);
        try {
            NumericalGradient.of(
                    () -> {
                        throw new IllegalStateException("boom");
                    },
                    x);
        } catch (IllegalStateException expected) {
            assertSame("boom", expected.getMessage());
        }
        assertEquals(2.0, x.get(0));
    }

    @Test
    void stepScalesWithLargeValues() {
        assertEquals(1e-5, NumericalGradient.step(0.3));
        assertEquals(1e-3, NumericalGradient.step(-100), 1e-18);
    }
}

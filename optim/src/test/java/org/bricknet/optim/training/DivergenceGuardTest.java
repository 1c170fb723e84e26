package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/** The trainer's divergence check names the first bad gradient element. */
class DivergenceGuardTest {

    @Test
    void aBadElementInTheUpperHalfOfALargeGradientIsNamed() {
        Parameter w = new Parameter("W", Tensor.zeros(784, 30));
        w.grad().data()[20000] = Double.NaN;
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class,
                () -> new DivergenceGuard().check(0.5, Map.of("W1", w), 2, 7, 800, 3.0, false));
        assertTrue(e.getMessage().contains("the gradient of W1 is NaN at element 20000"), e.getMessage());
        w.grad().data()[20000] = 0;
        new DivergenceGuard().check(0.5, Map.of("W1", w), 2, 7, 800, 3.0, false);
        assertEquals(0, w.grad().data()[20000]);
    }
}

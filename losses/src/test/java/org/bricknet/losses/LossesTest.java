package org.bricknet.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Losses by name, as train --loss takes them. */
class LossesTest {

    @Test
    void eachNameGivesItsLoss() {
        assertInstanceOf(SoftmaxWithLoss.class, Losses.create("softmax"));
        assertEquals(
                SigmoidWithLoss.Reduction.MEAN_OVER_BATCH, ((SigmoidWithLoss) Losses.create(" Sigmoid")).reduction());
        assertInstanceOf(MeanSquaredError.class, Losses.create("MSE"));
        assertEquals(
                "Losses: expected one of softmax|sigmoid|mse, got 'hinge'",
                assertThrows(IllegalArgumentException.class, () -> Losses.create("hinge"))
                        .getMessage());
    }
}

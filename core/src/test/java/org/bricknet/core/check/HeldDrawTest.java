package org.bricknet.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.bricknet.core.Network;
import org.bricknet.core.NumericalGradient;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Drop;
import org.bricknet.core.testing.SquaredError;
import org.bricknet.core.testing.TestLayers.MatMul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A layer that draws random numbers is checked with one draw held for the whole check. */
class HeldDrawTest {
    private final Random random = new Random(5);
    private final Tensor x = Tensor.randn(random, 1.0, 4, 6);

    static Stream<CheckMode> modes() {
        return Stream.of(CheckMode.full(), CheckMode.subset(5, 1), CheckMode.directions(3, 1));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aStochasticLayerIsCheckedOnOneHeldDrawAndReleasedAfter(CheckMode mode) {
        Drop drop = new Drop(0.5, new Random(1));
        GradientReport r = GradientCheck.layer(drop, x, 7, mode, Tolerance.DEFAULT);
        assertTrue(r.passed(), r::toString);
        assertEquals(1, drop.draws(), "one fresh draw, then held");
        assertFalse(drop.isHeld());
        drop.forward(x);
        assertEquals(2, drop.draws(), "released: the next forward draws again");
    }

    @Test
    void withoutHoldingTheDrawTheNumericalGradientIsNoise() {
        Drop drop = new Drop(0.5, new Random(1));
        Tensor r = Tensor.randn(new Random(7), 1.0, 4, 6);
        drop.forward(x);
        Tensor analytic = drop.backward(r);
        Tensor numerical = NumericalGradient.of(
                () -> {
                    double s = 0;
                    double[] y = drop.forward(x).data();
                    for (int i = 0; i < y.length; i++) {
                        s += y[i] * r.data()[i];
                    }
                    return s;
                },
                x);
        GradientReport report =
                GradientCheck.compare(java.util.Map.of("input", analytic), java.util.Map.of("input", numerical));
        assertFalse(report.passed(), report::toString);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void everyStochasticLayerInsideANetworkIsHeld(CheckMode mode) {
        Drop first = new Drop(0.7, new Random(2));
        Drop second = new Drop(0.6, new Random(3));
        Network net = new Network()
                .add("Drop1", first)
                .add("MatMul1", new MatMul(Tensor.randn(random, 1.0, 6, 6), MatMul.Mistake.NONE))
                .add("Drop2", second)
                .withLoss(new SquaredError());
        Tensor targets = Tensor.randn(random, 1.0, 4, 6);
        GradientReport r = GradientCheck.network(net, x, targets, mode, Tolerance.DEFAULT);
        assertTrue(r.passed(), r::toString);
        assertEquals(2, r.rows().size(), r::toString); // input and W1
        assertEquals(1, first.draws());
        assertEquals(1, second.draws());
        assertFalse(first.isHeld() || second.isHeld());
    }

    @Test
    void aLayerOnlyStochasticInTrainingIsNotHeldInEvaluation() {
        Drop drop = new Drop(0.5, new Random(1));
        drop.setTraining(false);
        GradientReport r = GradientCheck.layer(drop, x, 7);
        assertTrue(r.passed(), r::toString);
        assertEquals(0, drop.draws());
    }
}

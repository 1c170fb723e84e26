package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.testing.Centre;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Relu;
import org.bricknet.losses.SoftmaxWithLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch-norm → ReLU on a batch of one: centring a single row gives exactly 0, so the ReLU sees
 * exactly {@code β = 0}, its kink. Perturbing {@code β_j} by ±h moves the ReLU onto one slope or
 * the other; the check must skip those elements, not fail them, and still fail a wrong gradient.
 * With every β on the kink, β is not checked at all: the report says so and does not pass unless
 * that is allowed.
 */
class KinkRegressionTest {
    private static final int FEATURES = 6;

    static Stream<CheckMode> modes() {
        return Stream.of(CheckMode.full(), CheckMode.subset(3), CheckMode.subset(3, 9), CheckMode.directions(4, 9));
    }

    private static Network net(Centre centre) {
        Random r = new Random(2);
        return new Network()
                .add("BatchNorm1", centre, "gamma1", "beta1")
                .add("Relu1", new Relu())
                .add("Affine1", new Affine(Tensor.randn(r, 1.0, FEATURES, 4), Tensor.randn(r, 1.0, 4)))
                .withLoss(new SoftmaxWithLoss());
    }

    private static Tensor batch(int n) {
        return Tensor.randn(new Random(4), 1.0, n, FEATURES);
    }

    @Test
    void onABatchOfOneEveryBetaSitsOnTheKinkAndIsSkipped() {
        GradientReport r = GradientCheck.network(net(Centre.fresh(FEATURES)), batch(1), Tensor.vector(2));
        assertEquals(0, r.failures(), r::toString);
        assertEquals(java.util.List.of("beta1"), r.notChecked(), r::toString);
        assertFalse(r.passed(), "beta1 was not compared at all: " + r);
        assertTrue(r.allowingUnchecked().passed(), r::toString);
        assertEquals(FEATURES, r.row("beta1").skipped(), r::toString);
        assertEquals(FEATURES, r.skipped(), r::toString);
        // with the kink rule off, the same elements are failures: the fixture does sit on the kink
        GradientReport off = GradientCheck.network(
                net(Centre.fresh(FEATURES)),
                batch(1),
                Tensor.vector(2),
                CheckMode.full(),
                new Tolerance(Tolerance.DEFAULT_RTOL, Tolerance.DEFAULT_ATOL, Double.MAX_VALUE));
        assertEquals(FEATURES, off.row("beta1").failures(), off::toString);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void noModeFailsTheKink(CheckMode mode) {
        GradientReport r =
                GradientCheck.network(net(Centre.fresh(FEATURES)), batch(1), Tensor.vector(2), mode, Tolerance.DEFAULT);
        assertEquals(0, r.failures(), r::toString);
        assertTrue(r.allowingUnchecked().passed(), r::toString);
        assertTrue(r.row("beta1").skipped() > 0, r::toString);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void aWrongInputGradientAtASmoothPointStillFails(CheckMode mode) {
        GradientReport r = GradientCheck.network(
                net(Centre.fresh(FEATURES).wrong()), batch(3), Tensor.vector(2, 0, 1), mode, Tolerance.DEFAULT);
        assertFalse(r.row("input").passed(), r::toString);
        assertEquals(0, r.skipped(), r::toString);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void theRightLayerAtASmoothPointPasses(CheckMode mode) {
        GradientReport r = GradientCheck.network(
                net(Centre.fresh(FEATURES)), batch(3), Tensor.vector(2, 0, 1), mode, Tolerance.DEFAULT);
        assertTrue(r.passed(), r::toString);
        assertEquals(0, r.skipped(), r::toString);
    }
}

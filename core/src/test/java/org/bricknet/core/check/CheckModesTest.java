package org.bricknet.core.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.TestLayers.MatMul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mode passes a right layer and catches each deliberately wrong one; what each mode costs. */
class CheckModesTest {
    private final Random random = new Random(3);
    private final Tensor x = Tensor.randn(random, 1.0, 4, 5);
    private final Tensor w = Tensor.randn(random, 1.0, 5, 5);

    static Stream<CheckMode> modes() {
        return Stream.of(CheckMode.full(), CheckMode.subset(6), CheckMode.subset(6, 42), CheckMode.directions(3, 42));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void passesARightLayer(CheckMode mode) {
        GradientReport r = GradientCheck.layer(new MatMul(w, MatMul.Mistake.NONE), x, 11, mode, Tolerance.DEFAULT);
        assertTrue(r.passed(), r::toString);
        assertEquals(0, r.skipped(), r::toString);
    }

    @ParameterizedTest
    @MethodSource("modes")
    void catchesAnInputGradientOffByOnePercent(CheckMode mode) {
        GradientReport r = GradientCheck.layer(new MatMul(w, MatMul.Mistake.FACTOR), x, 11, mode, Tolerance.DEFAULT);
        assertFalse(r.row("input").passed(), r::toString);
        assertTrue(r.row("W").passed(), r::toString);
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> GradientCheck.assertLayer(new MatMul(w, MatMul.Mistake.FACTOR), x, 11, mode, Tolerance.DEFAULT));
        assertTrue(e.getMessage().contains(r.toString()), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("modes")
    void catchesATransposedWeightGradient(CheckMode mode) {
        GradientReport r =
                GradientCheck.layer(new MatMul(w, MatMul.Mistake.TRANSPOSED), x, 11, mode, Tolerance.DEFAULT);
        assertFalse(r.row("W").passed(), r::toString);
        assertTrue(r.row("input").passed(), r::toString);
    }

    @Test
    void aSubsetComparesKElementsPerTensorAtTwoEvaluationsEach() {
        GradientReport r =
                GradientCheck.layer(new MatMul(w, MatMul.Mistake.NONE), x, 11, CheckMode.subset(6), Tolerance.DEFAULT);
        assertEquals(6, r.row("input").checked());
        assertEquals(6, r.row("W").checked());
        assertEquals(1 + 2 * 12, r.evaluations());
        GradientReport all = GradientCheck.layer(
                new MatMul(w, MatMul.Mistake.NONE), x, 11, CheckMode.subset(100), Tolerance.DEFAULT);
        assertEquals(20 + 25, all.checked());
    }

    @Test
    void evenSubsetsSpreadOverTheTensorAndSeededOnesRepeat() {
        assertArrayEquals(new int[] {2, 7, 12, 17, 22}, Checker.indices(25, CheckMode.subset(5), new Random(0)));
        int[] a = Checker.indices(1000, CheckMode.subset(8, 5), new Random(5));
        int[] b = Checker.indices(1000, CheckMode.subset(8, 5), new Random(5));
        assertArrayEquals(a, b);
        assertEquals(8, java.util.Arrays.stream(a).distinct().count());
        assertNotEquals(
                java.util.Arrays.toString(a),
                java.util.Arrays.toString(Checker.indices(1000, CheckMode.subset(8, 6), new Random(6))));
    }

    @Test
    void directionsCostTwoEvaluationsEachWhateverTheSize() {
        GradientReport r = GradientCheck.layer(
                new MatMul(w, MatMul.Mistake.NONE), x, 11, CheckMode.directions(4, 1), Tolerance.DEFAULT);
        assertEquals(4, r.row("W").checked());
        assertEquals(1 + 2 * 4 * 2, r.evaluations());
        assertTrue(r.toString().contains(" v"), r::toString);
    }

    @Test
    void everyModeLeavesTheTensorsExactlyAsTheyWere() {
        double[] xBefore = x.data().clone();
        double[] wBefore = w.data().clone();
        modes().forEach(m -> GradientCheck.layer(new MatMul(w, MatMul.Mistake.NONE), x, 11, m, Tolerance.DEFAULT));
        assertArrayEquals(xBefore, x.data());
        assertArrayEquals(wBefore, w.data());
    }

    @Test
    void badModesAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> CheckMode.subset(0));
        assertThrows(IllegalArgumentException.class, () -> CheckMode.directions(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0, 10));
    }
}

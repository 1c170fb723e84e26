package org.bricknet.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.testing.Seeds;

/**
 * Every optimizer drives the bowl {@code ½·Σ a_i·(w_i − c_i)²} (a_i in [0.5, 2], start and minimum
 * in [−3, 3]^d) to its minimum. Learning rates, step counts and tolerances were chosen from the
 * worst distance over 200 random bowls, which is given beside each.
 */
class BowlConvergenceProperties {

    private static Bowl descend(Optimizer opt, long seed, int dims, int steps) {
        Bowl bowl = Bowl.random(new Random(seed), dims);
        bowl.descend(opt, steps);
        return bowl;
    }

    private static void assertWithin(double tolerance, Bowl bowl, String who) {
        assertTrue(
                bowl.distance() <= tolerance,
                who + " ended " + bowl.distance() + " from the minimum, expected at most " + tolerance);
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void sgd(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int dims) {
        // each step multiplies the error by (1 − 0.5·a_i) in [0, 0.75]; worst seen 4e-16
        assertWithin(1e-12, descend(new Sgd(0.5), seed, dims, 200), "sgd");
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void momentum(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int dims) {
        // contracts like √0.9 per step; worst seen after 1000 steps 4e-16
        assertWithin(1e-12, descend(new Momentum(0.1), seed, dims, 1000), "momentum");
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void nesterov(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int dims) {
        // worst seen after 500 steps over 200 random bowls: 1.3e-15
        assertWithin(1e-12, descend(new Nesterov(0.1), seed, dims, 500), "nesterov");
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void adaGrad(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int dims) {
        // worst seen after 500 steps: 3e-15
        assertWithin(1e-12, descend(new AdaGrad(1.0), seed, dims, 500), "adagrad");
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void rmsPropReachesItsLimitCycleOfHalfTheLearningRate(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int dims) {
        // near the minimum √h ≈ |g|, so each step is ±η: w settles into jumping across c between
        // c − η/2 and c + η/2. Worst seen after 2000 steps with η = 0.01: 0.0050036.
        assertWithin(0.51 * 0.01, descend(new RmsProp(0.01), seed, dims, 2000), "rmsprop");
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void adam(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int dims) {
        // worst seen after 5000 steps with η = 0.01: 2.0e-6
        assertWithin(1e-5, descend(new Adam(0.01), seed, dims, 5000), "adam");
    }

    @Property(tries = 100, seed = Seeds.FIXED)
    void adamWOnAVectorIsAdam(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int dims) {
        // a rank-1 parameter is not a weight, so AdamW does not decay it
        Bowl w = descend(new AdamW(0.01, 0.5), seed, dims, 300);
        Bowl a = descend(new Adam(0.01), seed, dims, 300);
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                a.w.value().data(), w.w.value().data(), 0.0);
    }
}

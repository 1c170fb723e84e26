package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.Momentum;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same seed gives the same history and the same parameters, to the last digit. */
@Tag("engine")
class TrainerDeterminismTest {
    private static final Dataset TRAIN = Blobs.of(150, new Random(3));
    private static final Dataset TEST = Blobs.of(50, new Random(4));

    private record Run(TrainingHistory history, Map<String, double[]> params) {}

    private static Run run(Sampling sampling, long trainerSeed) {
        Network net = Blobs.network(11);
        TrainingHistory h = new Trainer(net, new Momentum(0.05))
                .epochs(4)
                .batchSize(16)
                .sampling(sampling)
                .seed(trainerSeed)
                .evaluateOn(TEST)
                .quiet()
                .fit(TRAIN);
        return new Run(h, Recording.copy(net.parameters()));
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void sameSeedSameHistoryAndParameters(Sampling sampling) {
        Run a = run(sampling, 5);
        Run b = run(sampling, 5);
        assertArrayEquals(a.history.meanLosses(), b.history.meanLosses(), 0.0);
        assertArrayEquals(a.history.trainAccuracies(), b.history.trainAccuracies(), 0.0);
        assertArrayEquals(a.history.testAccuracies(), b.history.testAccuracies(), 0.0);
        for (String key : a.params.keySet()) {
            assertArrayEquals(a.params.get(key), b.params.get(key), 0.0, key);
        }
    }

    @ParameterizedTest
    @EnumSource(Sampling.class)
    void anotherSeedTakesAnotherPath(Sampling sampling) {
        Run a = run(sampling, 5);
        Run c = run(sampling, 6);
        assertFalse(Arrays.equals(a.history.meanLosses(), c.history.meanLosses()));
        assertFalse(Arrays.equals(a.params.get("W1"), c.params.get("W1")));
    }
}

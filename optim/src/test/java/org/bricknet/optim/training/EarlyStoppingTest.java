package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Test;

/** Early stopping: when it stops, that it puts back the best epoch, and what it refuses. */
class EarlyStoppingTest {
    private static final Dataset TRAIN = Blobs.of(80, new Random(1));
    private static final Dataset TEST = Blobs.of(40, new Random(2));

    private static TrainingHistory history(double... validationLosses) {
        TrainingHistory h = new TrainingHistory();
        for (int e = 1; e <= validationLosses.length; e++) {
            h.add(new EpochStats(e, 0, 0, 0, 0, 0, validationLosses[e - 1], 0.5, 0.1));
        }
        return h;
    }

    @Test
    void theBestEpochAndWhenToStopAreReadFromTheHistory() {
        EarlyStopping s = EarlyStopping.on(Metric.VALIDATION_LOSS, 2);
        assertEquals(3, s.bestEpoch(history(1.0, 0.8, 0.7, 0.75, 0.71)));
        assertEquals(0, s.bestEpoch(history()));
        // minDelta: 0.79 beats 0.8 by less than 0.05, so epoch 2 stays best
        assertEquals(
                2, EarlyStopping.on(Metric.VALIDATION_LOSS, 2).minDelta(0.05).bestEpoch(history(1, 0.8, 0.79)));
        // an accuracy improves upwards
        TrainingHistory h = new TrainingHistory();
        h.add(new EpochStats(1, 0, 0, 0, 0, 0, 0, 0.5, 0.1));
        h.add(new EpochStats(2, 0, 0, 0, 0, 0, 0, 0.7, 0.1));
        h.add(new EpochStats(3, 0, 0, 0, 0, 0, 0, 0.6, 0.1));
        assertEquals(2, EarlyStopping.on(Metric.VALIDATION_ACCURACY, 1).bestEpoch(h));
    }

    @Test
    void itStopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest() {
        // a rate of 3 makes the test loss rise after the first epochs: over-fitting in miniature
        Map<Integer, Map<String, double[]>> after = new LinkedHashMap<>();
        Network net = Blobs.network(4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EarlyStopping stopping = EarlyStopping.on(Metric.TEST_LOSS, 2);
        TrainingHistory h = new Trainer(net, new Sgd(3.0))
                .epochs(40)
                .batchSize(8)
                .seed(1)
                .evaluateOn(TEST)
                .progress(Progress.LINES)
                .output(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .earlyStopping(stopping)
                .onEpoch(e -> after.put(e.epoch(), Recording.copy(net.parameters())))
                .fit(TRAIN);
        int best = stopping.bestEpoch(h);
        assertTrue(h.size() < 40, "it stopped early: " + h);
        assertEquals(best + 2, h.size(), h.toString());
        net.parameters()
                .forEach((k, p) ->
                        assertArrayEquals(after.get(best).get(k), p.value().data(), k));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(
                printed.contains("early stopping after epoch " + h.size() + ": the test loss has not improved on epoch "
                        + best + "'s for 2 epochs; restored the parameters of epoch " + best + " (test loss "),
                printed);
    }

    @Test
    void withoutRestoringTheLastParametersStay() {
        Map<String, double[]> last = new LinkedHashMap<>();
        Network net = Blobs.network(4);
        new Trainer(net, new Sgd(3.0))
                .epochs(40)
                .batchSize(8)
                .seed(1)
                .evaluateOn(TEST)
                .quiet()
                .earlyStopping(EarlyStopping.on(Metric.TEST_LOSS, 2).restoreBest(false))
                .onEpoch(e -> last.putAll(Recording.copy(net.parameters())))
                .fit(TRAIN);
        net.parameters()
                .forEach((k, p) -> assertArrayEquals(last.get(k), p.value().data(), k));
    }

    @Test
    void watchingDataTheTrainerDoesNotScoreIsRefusedBeforeTraining() {
        Trainer t = new Trainer(Blobs.network(0), new Sgd(0.1)).quiet();
        t.earlyStopping(EarlyStopping.on(Metric.VALIDATION_LOSS, 3));
        assertEquals(
                "Trainer: early stopping watches the validation loss, but there is no validation set;"
                        + " give validationSplit(fraction) or validateOn(data)",
                assertThrows(IllegalStateException.class, () -> t.fit(TRAIN)).getMessage());
        t.earlyStopping(EarlyStopping.on(Metric.TEST_ACCURACY, 3));
        assertEquals(
                "Trainer: early stopping watches the test accuracy, but there is no test set; give evaluateOn(data)",
                assertThrows(IllegalStateException.class, () -> t.fit(TRAIN)).getMessage());
        t.earlyStopping(EarlyStopping.on(Metric.TRAIN_ACCURACY, 3)).trainAccuracy(false);
        assertEquals(
                "Trainer: early stopping watches the training accuracy, but the training set is not scored;"
                        + " drop trainAccuracy(false)",
                assertThrows(IllegalStateException.class, () -> t.fit(TRAIN)).getMessage());
    }

    @Test
    void badSettingsAreOneLineErrors() {
        assertEquals(
                "EarlyStopping: expected a patience of epochs >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> EarlyStopping.on(Metric.TEST_LOSS, 0))
                        .getMessage());
        assertEquals(
                "EarlyStopping: expected a minimum improvement that is finite and >= 0, got NaN",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> EarlyStopping.on(Metric.TEST_LOSS, 2).minDelta(Double.NaN))
                        .getMessage());
        assertEquals(
                Metric.VALIDATION_ACCURACY,
                EarlyStopping.parse("validation-accuracy:4").metric());
        assertEquals(4, EarlyStopping.parse("validation-accuracy:4").patience());
        assertEquals(
                "early stopping 'validation-loss:x': 'x' is not a whole number of epochs",
                assertThrows(IllegalArgumentException.class, () -> EarlyStopping.parse("validation-loss:x"))
                        .getMessage());
        assertEquals(
                "early stopping '5': expected METRIC:PATIENCE, such as validation-loss:5",
                assertThrows(IllegalArgumentException.class, () -> EarlyStopping.parse("5"))
                        .getMessage());
        assertEquals(
                "early stopping 'validation-loss:0': expected a patience of epochs >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> EarlyStopping.parse("validation-loss:0"))
                        .getMessage());
    }
}

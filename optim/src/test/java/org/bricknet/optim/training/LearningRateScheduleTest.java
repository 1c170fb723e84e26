package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules give PyTorch's rates (schedules.json, made by src/test/python/schedules_fixture.py
 * with torch.optim.lr_scheduler), the trainer sets them epoch by epoch and a resumed run gets the
 * same ones, and impossible schedules are refused before training.
 */
class LearningRateScheduleTest {
    private static final Dataset TRAIN = Blobs.of(60, new Random(1));
    private static final Dataset TEST = Blobs.of(30, new Random(2));
    private static final JsonNode TORCH = fixture();

    @TempDir
    Path dir;

    private static JsonNode fixture() {
        try (InputStream in = LearningRateScheduleTest.class.getResourceAsStream("schedules.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] numbers(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .mapToDouble(JsonNode::asDouble)
                .toArray();
    }

    /** The schedule's rates for epochs 1..metric.length, each epoch seeing the metric of the ones before. */
    private static double[] rates(LearningRateSchedule s, Metric m, double[] metric) {
        TrainingHistory h = new TrainingHistory();
        double[] out = new double[metric.length];
        for (int e = 1; e <= metric.length; e++) {
            out[e - 1] = s.rate(e, 0.1, h);
            double v = metric[e - 1];
            h.add(
                    m == Metric.VALIDATION_LOSS
                            ? new EpochStats(e, 0, 0, 0, 0, 0, v, 0, out[e - 1])
                            : new EpochStats(e, 0, 0, 0, 0, 0, 0, v, out[e - 1]));
        }
        return out;
    }

    @Test
    void theRatesArePyTorchs() {
        assertArrayEquals(
                numbers(TORCH.get("step_3_0.5")),
                rates(LearningRateSchedule.step(3, 0.5), Metric.VALIDATION_LOSS, new double[10]),
                1e-15);
        assertArrayEquals(
                numbers(TORCH.get("exp_0.9")),
                rates(LearningRateSchedule.exponential(0.9), Metric.VALIDATION_LOSS, new double[10]),
                1e-15);
        assertArrayEquals(
                numbers(TORCH.get("cosine_8_0.001")),
                rates(LearningRateSchedule.cosine(8, 0.001), Metric.VALIDATION_LOSS, new double[8]),
                1e-15);
        JsonNode loss = TORCH.get("plateau_loss_0.5_2");
        assertArrayEquals(
                numbers(loss.get("rates")),
                rates(
                        LearningRateSchedule.reduceOnPlateau(Metric.VALIDATION_LOSS, 0.5, 2, 0),
                        Metric.VALIDATION_LOSS,
                        numbers(loss.get("metric"))),
                1e-15);
        JsonNode acc = TORCH.get("plateau_accuracy_0.1_1");
        assertArrayEquals(
                numbers(acc.get("rates")),
                rates(
                        LearningRateSchedule.reduceOnPlateau(Metric.VALIDATION_ACCURACY, 0.1, 1, 0),
                        Metric.VALIDATION_ACCURACY,
                        numbers(acc.get("metric"))),
                1e-15);
    }

    @Test
    void aPlateauNeverTakesTheRateToZeroBecauseAFallBelowEpsIsNotMade() {
        // PyTorch's eps = 1e-8: 0.1 -> 1e-6 -> 1e-11, then a fall of less than 1e-8 is not made
        double[] never = new double[40];
        java.util.Arrays.fill(never, 1.0);
        double[] r = rates(
                LearningRateSchedule.reduceOnPlateau(Metric.VALIDATION_LOSS, 1e-5, 0, 0),
                Metric.VALIDATION_LOSS,
                never);
        assertEquals(1e-6, r[2], 1e-21);
        assertEquals(1e-11, r[3], 1e-26);
        assertEquals(1e-11, r[39], 1e-26);
    }

    @Test
    void afterItsEpochsCosineStaysAtItsMinimum() {
        LearningRateSchedule c = LearningRateSchedule.cosine(4, 0.01);
        assertEquals(0.01, c.rate(5, 0.1, new TrainingHistory()), 0.0);
        assertEquals(0.01, c.rate(50, 0.1, new TrainingHistory()), 0.0);
    }

    @Test
    void theTrainerSetsEachEpochsRateAndRecordsIt() {
        Sgd sgd = new Sgd(0.1);
        TrainingHistory h = new Trainer(Blobs.network(0), sgd)
                .epochs(4)
                .batchSize(16)
                .quiet()
                .schedule(LearningRateSchedule.step(1, 0.5))
                .fit(TRAIN);
        assertArrayEquals(new double[] {0.1, 0.05, 0.025, 0.0125}, h.learningRates(), 1e-17);
        assertEquals(0.0125, sgd.learningRate(), 1e-17);
    }

    @Test
    void aResumedRunHasTheRatesAndTheParametersOfAnUninterruptedOne() throws IOException {
        LearningRateSchedule plateau = LearningRateSchedule.reduceOnPlateau(Metric.TRAIN_ACCURACY, 0.5, 0, 0);
        Network whole = Blobs.network(5);
        TrainingHistory h = trainer(whole, 5, plateau).fit(TRAIN);
        trainer(Blobs.network(5), 2, plateau).checkpointTo(dir, Map.of()).fit(TRAIN);
        Network resumed = Blobs.network(77);
        Sgd fresh = new Sgd(0.1);
        TrainingHistory r = new Trainer(resumed, fresh)
                .epochs(5)
                .batchSize(16)
                .evaluateOn(TEST)
                .quiet()
                .schedule(plateau)
                .resumeFrom(dir)
                .fit(TRAIN);
        assertEquals(0.1, h.learningRates()[0]);
        assertTrue(h.learningRates()[4] < 0.1, "the accuracy stops rising and the rate falls: " + h);
        assertArrayEquals(h.learningRates(), r.learningRates());
        whole.parameters()
                .forEach((k, p) -> assertArrayEquals(
                        p.value().data(), resumed.parameters().get(k).value().data(), k));
    }

    private static Trainer trainer(Network net, int epochs, LearningRateSchedule s) {
        return new Trainer(net, new Sgd(0.1))
                .epochs(epochs)
                .batchSize(16)
                .seed(3)
                .evaluateOn(TEST)
                .quiet()
                .schedule(s);
    }

    @Test
    void schedulesAreParsedFromText() {
        assertArrayEquals(
                rates(LearningRateSchedule.step(3, 0.5), Metric.TEST_LOSS, new double[7]),
                rates(LearningRateSchedule.parse("step:3:0.5"), Metric.TEST_LOSS, new double[7]));
        assertArrayEquals(
                rates(LearningRateSchedule.cosine(5, 0), Metric.TEST_LOSS, new double[7]),
                rates(LearningRateSchedule.parse("cosine:5"), Metric.TEST_LOSS, new double[7]));
        assertEquals(
                Metric.VALIDATION_ACCURACY,
                LearningRateSchedule.parse("plateau:validation-accuracy:0.5:3").watches());
        assertEquals(0.081, LearningRateSchedule.parse("exp:0.9").rate(3, 0.1, new TrainingHistory()), 1e-15);
    }

    @Test
    void impossibleSchedulesAreOneLineErrors() {
        assertEquals(
                "LearningRateSchedule.step: expected a factor in (0, 1], got -0.5",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(2, -0.5))
                        .getMessage());
        assertEquals(
                "LearningRateSchedule.exponential: expected a factor in (0, 1], got NaN",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(Double.NaN))
                        .getMessage());
        assertEquals(
                "LearningRateSchedule.step: expected a step of epochs >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5))
                        .getMessage());
        assertEquals(
                "LearningRateSchedule.cosine: expected a minimum rate that is finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(5, -1))
                        .getMessage());
        assertEquals(
                "LearningRateSchedule.reduceOnPlateau: expected a factor in (0, 1), got 1.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LearningRateSchedule.reduceOnPlateau(Metric.TEST_LOSS, 1, 2, 0))
                        .getMessage());
        assertEquals(
                "schedule 'step:x:0.5': expected step:K:FACTOR, exp:FACTOR, cosine:EPOCHS[:MIN_RATE] or"
                        + " plateau:METRIC:FACTOR:PATIENCE, with whole numbers for K, EPOCHS and PATIENCE and numbers"
                        + " for FACTOR and MIN_RATE",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("step:x:0.5"))
                        .getMessage());
        // a value the schedule cannot take is named with the text it came in, not with a method
        for (String[] bad : new String[][] {
            {"step:0:0.5", "expected a step of epochs >= 1, got 0"},
            {"step:2:-0.5", "expected a factor in (0, 1], got -0.5"},
            {"exp:NaN", "expected a factor in (0, 1], got NaN"},
            {"exp:1.5", "expected a factor in (0, 1], got 1.5"},
            {"cosine:10:-1", "expected a minimum rate that is finite and >= 0, got -1.0"},
            {"cosine:10:Infinity", "expected a minimum rate that is finite and >= 0, got Infinity"},
            {"plateau:test-loss:1:2", "expected a factor in (0, 1), got 1.0"},
            {"plateau:test-loss:0.5:-1", "expected a patience >= 0 epochs, got -1"}
        }) {
            assertEquals(
                    "schedule '" + bad[0] + "': " + bad[1],
                    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse(bad[0]))
                            .getMessage());
        }
        assertEquals(
                "unknown metric 'val-loss'; expected one of [train-loss, train-accuracy, test-loss, test-accuracy,"
                        + " validation-loss, validation-accuracy]",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("plateau:val-loss:0.5:3"))
                        .getMessage());
    }

    @Test
    void aScheduleThatReachesZeroOrWatchesNothingMeasuredIsRefusedBeforeTraining() {
        int[] epochs = {0};
        Trainer t = new Trainer(Blobs.network(0), new Sgd(0.1))
                .epochs(6)
                .quiet()
                .onEpoch(e -> epochs[0]++)
                .schedule(LearningRateSchedule.cosine(4, 0));
        assertEquals(
                "Trainer: the schedule gives a learning rate of 0.0 for epoch 5 of 6; expected a finite number > 0"
                        + " (give it a minimum rate > 0)",
                assertThrows(IllegalArgumentException.class, () -> t.fit(TRAIN)).getMessage());
        t.schedule(LearningRateSchedule.reduceOnPlateau(Metric.VALIDATION_LOSS, 0.5, 2, 0));
        assertEquals(
                "Trainer: the schedule watches the validation loss, but there is no validation set;"
                        + " give validationSplit(fraction) or validateOn(data)",
                assertThrows(IllegalStateException.class, () -> t.fit(TRAIN)).getMessage());
        assertEquals(0, epochs[0]);
    }
}

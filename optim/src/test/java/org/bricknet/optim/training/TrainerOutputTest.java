package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Test;

/** What the trainer prints, how many steps it takes, and what it refuses. */
class TrainerOutputTest {
    private static final Dataset TRAIN = Blobs.of(50, new Random(1));
    private static final Dataset TEST = Blobs.of(30, new Random(2));

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Trainer trainer(Recording opt) {
        return new Trainer(Blobs.network(0), opt).epochs(2).batchSize(16).output(out);
    }

    @Test
    void linesSayEachEpochInNielsensFormWithTheRest() {
        TrainingHistory h = trainer(new Recording(new Sgd(0.1)))
                .progress(Progress.LINES)
                .evaluateOn(TEST)
                .fit(TRAIN);
        String[] lines = printed().split("\n");
        assertEquals(2, lines.length, printed());
        String number = "\\d+\\.\\d+";
        assertTrue(
                lines[0].matches("Epoch 1: \\d+ / 30, loss " + number + ", train accuracy " + number
                        + ", test accuracy " + number + ", " + number + " s"),
                lines[0]);
        assertTrue(lines[1].startsWith("Epoch 2: " + Math.round(30 * h.last().testAccuracy()) + " / 30, "), lines[1]);
    }

    @Test
    void withoutAnEvaluationSetAnEpochIsComplete() {
        trainer(new Recording(new Sgd(0.1)))
                .progress(Progress.LINES)
                .trainAccuracy(false)
                .fit(TRAIN);
        assertTrue(printed().startsWith("Epoch 1 complete: loss "), printed());
        assertTrue(!printed().contains("accuracy"), printed());
    }

    @Test
    void progressLinesComeNoOftenerThanTheInterval() {
        trainer(new Recording(new Sgd(0.1)))
                .progress(Progress.LINES)
                .progressInterval(Duration.ZERO)
                .fit(TRAIN);
        // 4 batches of 16, 16, 16, 2: a line after each but the last, then the epoch line
        String[] lines = printed().split("\n");
        assertEquals(8, lines.length, printed());
        assertTrue(lines[0].matches("  epoch 1/2: 16/50 examples, loss \\d+\\.\\d{4}, \\d+ examples/s"), lines[0]);
        assertTrue(lines[3].startsWith("Epoch 1 complete: "), lines[3]);
    }

    @Test
    void theBarShowsTheEpochTheExamplesAndTheLoss() {
        trainer(new Recording(new Sgd(0.1))).progress(Progress.BAR).fit(TRAIN);
        assertTrue(printed().contains("Epoch 1/2 100%"), printed());
        assertTrue(printed().contains("50/50 ex"), printed());
        assertTrue(printed().matches("(?s).*loss \\d\\.\\d{4}.*"), printed());
    }

    @Test
    void quietPrintsNothing() {
        trainer(new Recording(new Sgd(0.1))).quiet().evaluateOn(TEST).fit(TRAIN);
        assertEquals("", printed());
    }

    @Test
    void bothSamplingsTakeCeilOfNOverBatchStepsPerEpoch() {
        for (Sampling s : Sampling.values()) {
            Recording opt = new Recording(new Sgd(0.1));
            trainer(opt).sampling(s).epochs(3).quiet().fit(TRAIN);
            assertEquals(3 * 4, opt.calls, s.name());
        }
    }

    @Test
    void everyEpochIsRecordedAndHandedToTheListener() {
        java.util.List<EpochStats> seen = new java.util.ArrayList<>();
        TrainingHistory h = trainer(new Recording(new Sgd(0.1)))
                .epochs(3)
                .quiet()
                .onEpoch(seen::add)
                .fit(TRAIN);
        assertEquals(h.epochs(), seen);
        assertEquals(3, h.last().epoch());
        assertTrue(Double.isNaN(h.last().testAccuracy()));
        assertTrue(
                h.toCsv()
                        .startsWith("epoch,mean_loss,train_accuracy,test_accuracy,seconds,test_loss,validation_loss,"
                                + "validation_accuracy,learning_rate\n1,"),
                h.toCsv());
        assertEquals(4, h.toCsv().split("\n").length);
    }

    @Test
    void badSettingsSayWhatWasExpected() {
        Trainer t = trainer(new Recording(new Sgd(0.1)));
        assertEquals(
                "Trainer: expected epochs >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> t.epochs(0)).getMessage());
        assertEquals(
                "Trainer: expected a batch size >= 1, got -3",
                assertThrows(IllegalArgumentException.class, () -> t.batchSize(-3))
                        .getMessage());
        assertEquals(
                "Trainer: expected a progress interval >= 0, got PT-1S",
                assertThrows(IllegalArgumentException.class, () -> t.progressInterval(Duration.ofSeconds(-1)))
                        .getMessage());
    }
}

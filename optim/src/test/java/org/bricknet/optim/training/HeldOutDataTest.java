package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.BadFileException;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Test;

/**
 * The test loss and the validation split in the history, full-batch steps, and the history's
 * readable forms (table, CSV, JSON).
 */
class HeldOutDataTest {
    private static final Dataset TRAIN = Blobs.of(50, new Random(1));
    private static final Dataset TEST = Blobs.of(30, new Random(2));

    @Test
    void theTestLossIsTheEvaluationModeLossAfterTheEpoch() {
        Network net = Blobs.network(0);
        TrainingHistory h = new Trainer(net, new Sgd(0.1))
                .epochs(2)
                .batchSize(16)
                .quiet()
                .evaluateOn(TEST)
                .fit(TRAIN);
        assertEquals(net.evaluationLoss(TEST.inputs(), TEST.targets()), h.last().testLoss(), 1e-12);
        assertTrue(Double.isNaN(h.last().validationLoss()));
        assertEquals(0.1, h.last().learningRate());
    }

    @Test
    void theValidationSplitIsTheLastFractionAndIsNotTrainedOn() {
        Network net = Blobs.network(0);
        Recording opt = new Recording(new Sgd(0.1));
        TrainingHistory h = new Trainer(net, opt)
                .epochs(2)
                .batchSize(16)
                .quiet()
                .validationSplit(0.2)
                .fit(TRAIN);
        // 40 examples to train on: batches of 16, 16, 8
        assertEquals(2 * 3, opt.calls);
        Dataset held = TRAIN.slice(40, 50);
        assertEquals(net.evaluationLoss(held.inputs(), held.targets()), h.last().validationLoss(), 1e-12);
        assertEquals(net.accuracy(held.inputs(), held.targets()), h.last().validationAccuracy(), 0.0);
        assertTrue(h.last().hasValidation());
        assertEquals(10, Trainer.validationExamples(TRAIN.size(), 0.2));
        assertEquals(1, Trainer.validationExamples(TRAIN.size(), 0.001), "at least one example is held out");
        String line = h.last().line(0, 0);
        assertTrue(
                line.endsWith(String.format(
                        java.util.Locale.ROOT,
                        ", validation loss %.4f, validation accuracy %.4f, %.2f s",
                        h.last().validationLoss(),
                        h.last().validationAccuracy(),
                        h.last().seconds())),
                line);
        // an explicit validation set
        TrainingHistory v = new Trainer(Blobs.network(0), new Sgd(0.1))
                .epochs(1)
                .quiet()
                .validateOn(TEST)
                .fit(TRAIN);
        assertTrue(v.last().hasValidation());
    }

    @Test
    void badSplitsAreOneLineErrors() {
        Trainer t = new Trainer(Blobs.network(0), new Sgd(0.1)).quiet();
        for (double f : new double[] {0, 1, -0.1, Double.NaN}) {
            assertEquals(
                    "Trainer: expected a validation fraction in (0, 1), got " + f,
                    assertThrows(IllegalArgumentException.class, () -> t.validationSplit(f))
                            .getMessage());
        }
        Dataset two = TRAIN.slice(0, 2);
        t.validationSplit(0.9);
        assertEquals(
                "Trainer: a validation split of 0.9 of 2 examples leaves none to train on",
                assertThrows(IllegalArgumentException.class, () -> t.fit(two)).getMessage());
    }

    @Test
    void fullBatchTakesOneStepPerEpoch() {
        Recording opt = new Recording(new Sgd(0.1));
        new Trainer(Blobs.network(0), opt).epochs(3).fullBatch().quiet().fit(TRAIN);
        assertEquals(3, opt.calls);
    }

    private static TrainingHistory handMade() {
        TrainingHistory h = new TrainingHistory();
        h.add(new EpochStats(1, 0.61234, 0.86712, 0.85951, 0.2149, 0.49501, Double.NaN, Double.NaN, 0.1));
        h.add(new EpochStats(2, 0.4, 0.9, 0.88, 0.2, 0.45, Double.NaN, Double.NaN, 0.05));
        return h;
    }

    @Test
    void theTableShowsTheMeasuredColumns() {
        assertEquals(
                " epoch  train loss   train acc    test acc     seconds   test loss          lr\n"
                        + "     1      0.6123      0.8671      0.8595        0.21      0.4950      0.1000\n"
                        + "     2      0.4000      0.9000      0.8800        0.20      0.4500     0.05000",
                handMade().toString());
    }

    @Test
    void csvAndJsonHoldEveryColumnInFull() throws BadFileException {
        TrainingHistory h = handMade();
        String[] csv = h.toCsv().split("\n");
        assertEquals("1,0.61234,0.86712,0.85951,0.2149,0.49501,NaN,NaN,0.1", csv[1]);
        assertTrue(
                h.toJson()
                        .startsWith(
                                "[{\"epoch\":1,\"mean_loss\":0.61234,\"train_accuracy\":0.86712,"
                                        + "\"test_accuracy\":0.85951,\"seconds\":0.2149,\"test_loss\":0.49501,\"validation_loss\":null,"),
                h.toJson());
        assertEquals(h.epochs(), HistoryJson.read(h.toJson(), 2, "f").epochs());
        // a history written before the later columns existed reads them as NaN
        TrainingHistory old = HistoryJson.read(
                "[{\"epoch\":1,\"mean_loss\":0.5,\"train_accuracy\":0.9,\"test_accuracy\":null,\"seconds\":1.0}]",
                1,
                "f");
        assertEquals(new EpochStats(1, 0.5, 0.9, Double.NaN, 1.0), old.last());
    }
}

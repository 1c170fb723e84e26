package org.bricknet.core.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/** The confusion matrix and the per-class figures, worked by hand, and their printed form. */
class EvaluationReportTest {
    // true:      0 0 0 0 1 1 1 2 2 2
    // predicted: 0 0 0 1 1 1 2 2 2 0
    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 0, 1, 1, 1, 2, 2, 2, 0};
    private static final List<String> NAMES = List.of("cat", "dog", "ankle boot");

    @Test
    void figuresByHand() {
        EvaluationReport r = EvaluationReport.of(LABELS, PREDICTED, NAMES);
        assertArrayEquals(new int[][] {{3, 1, 0}, {0, 2, 1}, {1, 0, 2}}, r.confusion());
        // cat: TP 3, predicted 4, support 4; dog: TP 2, predicted 3, support 3; boot: TP 2, predicted 3, support 3
        assertEquals(0.75, r.precision(0));
        assertEquals(0.75, r.recall(0));
        assertEquals(2.0 / 3, r.precision(1), 1e-15);
        assertEquals(2.0 / 3, r.recall(2), 1e-15);
        assertEquals(0.75, r.f1(0), 1e-15);
        assertEquals((0.75 + 2.0 / 3 + 2.0 / 3) / 3, r.macroF1(), 1e-15);
        assertEquals(7, r.correct());
        assertEquals(0.7, r.accuracy(), 1e-15);
        assertEquals(4, r.support(0));
    }

    @Test
    void aClassNeverPredictedHasPrecisionZero() {
        EvaluationReport r = EvaluationReport.of(new int[] {0, 1}, new int[] {0, 0}, List.of("a", "b"));
        assertEquals(0.0, r.precision(1));
        assertEquals(0.0, r.recall(1));
        assertEquals(0.0, r.f1(1));
        assertEquals(0.5, r.precision(0));
    }

    @Test
    void thePrintedReportNamesTheClasses() {
        assertEquals(
                "class          precision     recall         f1  support\n"
                        + "cat               0.7500     0.7500     0.7500        4\n"
                        + "dog               0.6667     0.6667     0.6667        3\n"
                        + "ankle boot        0.6667     0.6667     0.6667        3\n"
                        + "macro average     0.6944     0.6944     0.6944       10\n"
                        + "accuracy: 7 / 10 = 70.00%\n"
                        + "\n"
                        + "confusion matrix (rows: true class, columns: predicted class)\n"
                        + "        0   1   2\n"
                        + "   0    3   1   0  cat\n"
                        + "   1    0   2   1  dog\n"
                        + "   2    1   0   2  ankle boot\n",
                EvaluationReport.of(LABELS, PREDICTED, NAMES).toString());
    }

    @Test
    void badInputIsAOneLineError() {
        Network net = new Network()
                .add("Linear1", new Linear(2, 3, 1.0, new Random(1)))
                .withLoss(new SoftmaxCrossEntropy());
        Dataset data = new Dataset(Tensor.zeros(4, 2), new int[] {0, 1, 2, 0}, 3);
        assertEquals(
                "EvaluationReport: expected 3 class names, got 2",
                assertThrows(IllegalArgumentException.class, () -> EvaluationReport.of(net, data, List.of("a", "b")))
                        .getMessage());
        assertEquals(3, EvaluationReport.of(net, data, NAMES).confusion().length);
        assertEquals(
                "EvaluationReport: example 0 has label 5 and prediction 0; expected classes in [0, 3)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> EvaluationReport.of(new int[] {5}, new int[] {0}, NAMES))
                        .getMessage());
    }
}

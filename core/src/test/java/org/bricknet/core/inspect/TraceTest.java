package org.bricknet.core.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.TensorFormat;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/** One traced mini-batch: the rows, their order and statistics, the values, and the printed forms. */
class TraceTest {
    private static Network net() {
        Random r = new Random(1);
        return new Network()
                .add("Linear1", new Linear(3, 4, 1.0, r))
                .add("Relu1", new Rectifier())
                .add("Linear2", new Linear(4, 2, 1.0, r))
                .withLoss(new SoftmaxCrossEntropy());
    }

    private static final Tensor X = Tensor.randn(new Random(2), 1.0, 5, 3);
    private static final Tensor T = Tensor.vector(0, 1, 1, 0, 1);

    @Test
    void thereIsARowPerBrickAndDirectionInTheOrderTheWorkHappened() {
        Trace trace = Trace.of(net(), X, T, false);
        List<String> order = trace.rows().stream()
                .map(r -> r.node() + " " + r.direction() + " " + r.tensor())
                .toList();
        assertEquals(
                List.of(
                        "Linear1 FORWARD out",
                        "Relu1 FORWARD out",
                        "Linear2 FORWARD out",
                        "loss FORWARD loss",
                        "Linear2 BACKWARD dL/dout",
                        "Linear2 BACKWARD dL/dW2",
                        "Linear2 BACKWARD dL/db2",
                        "Relu1 BACKWARD dL/dout",
                        "Linear1 BACKWARD dL/dout",
                        "Linear1 BACKWARD dL/dW1",
                        "Linear1 BACKWARD dL/db1"),
                order);
        assertEquals("Rectifier", trace.rows().get(1).brick());
    }

    @Test
    void theRowsHoldWhatTheNetworkComputes() {
        Network net = net();
        Trace trace = Trace.of(net, X, T, true);
        Network same = net();
        assertEquals(same.loss(X, T), trace.loss(), 0.0);
        Map<String, Tensor> grads = same.gradient(X, T);
        Tensor scores = same.predict(X);
        Trace.Row out = trace.rows().get(2);
        assertArrayEquals(scores.data(), out.value().data());
        assertEquals(TensorStats.of(scores), out.stats());
        assertArrayEquals(grads.get("W2").data(), trace.rows().get(5).value().data());
        assertArrayEquals(grads.get("b1").data(), trace.rows().get(10).value().data());
        // the gradient of the scores is the loss's backward: (softmax − one-hot) / N, rows summing to 0
        Tensor dScores = trace.rows().get(4).value();
        assertArrayEquals(new double[5], dScores.sum(1).data(), 1e-15);
        // the ReLU's output gradient reaches Linear1 through its mask only
        Trace.Row relu = trace.rows().get(1);
        Tensor throughMask = trace.rows().get(7).value().multiply(mask(relu.value()));
        assertArrayEquals(throughMask.data(), trace.rows().get(8).value().data(), 0.0);
        assertTrue(relu.stats().zeros() > 0, "some units are off: " + relu.stats());
    }

    private static Tensor mask(Tensor y) {
        Tensor m = y.copy();
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = y.data()[i] > 0 ? 1 : 0;
        }
        return m;
    }

    @Test
    void statisticsByHand() {
        TensorStats s = TensorStats.of(Tensor.matrix(new double[][] {{0, 2}, {-2, 0}}));
        assertArrayEquals(new int[] {2, 2}, s.shape());
        assertEquals(0.0, s.mean());
        assertEquals(Math.sqrt(2), s.std(), 1e-15);
        assertEquals(-2.0, s.min());
        assertEquals(2.0, s.max());
        assertEquals(0.5, s.zeros());
        assertEquals("(2, 2) mean 0.000 std 1.414 min -2.000 max 2.000 zeros 50.0%", s.toString());
    }

    @Test
    void theTableHasAHeaderAndALinePerRow() {
        Trace trace = Trace.of(net(), X, T, false);
        String[] lines = trace.toString().split("\n");
        assertEquals(trace.rows().size() + 1, lines.length);
        assertTrue(lines[0].matches("node +brick +pass +tensor +shape +mean +std +min +max +zeros"), lines[0]);
        assertTrue(lines[1].matches("Linear1 +Linear +forward +out +\\(5, 4\\) .*%"), lines[1]);
        assertTrue(lines[9].matches("Linear1 +Linear +backward +dL/dout +\\(5, 4\\) .*%"), lines[9]);
    }

    @Test
    void valuesArePrintedAndALargeTensorIsSummarisedWithANote() {
        Trace small = Trace.of(net(), X, T, true);
        String v = small.values(TensorFormat.DEFAULT);
        assertTrue(v.startsWith("Linear1 forward out: Tensor(5, 4)\n[["), v);
        assertTrue(!v.contains("summarised"), v);
        String cut = small.values(TensorFormat.DEFAULT.threshold(10).edgeItems(1));
        assertTrue(
                cut.contains("Linear1 forward out: Tensor(5, 4)\n[[")
                        && cut.contains("(summarised: 20 elements, more than the 10 printed in full;"),
                cut);
        Trace bare = Trace.of(net(), X, T, false);
        assertEquals(
                "Trace: the values were not kept; make the trace with keepValues true",
                assertThrows(IllegalStateException.class, () -> bare.values(TensorFormat.DEFAULT))
                        .getMessage());
    }
}

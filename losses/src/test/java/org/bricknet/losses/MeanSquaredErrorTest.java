package org.bricknet.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LossContract;
import org.bricknet.core.contract.Tensors;
import org.bricknet.losses.MeanSquaredError.Reduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-worked examples of each reduction, the reductions against {@code conventions/mse.json} (made
 * by {@code conventions/mse.py} from PyTorch's {@code MSELoss}, the book's {@code sum_squared_error}
 * and Nielsen's quadratic cost), and MeanSquaredError under the loss contract (inherited jqwik
 * properties) with every reduction, outputs of rank 1 to 4, and targets as real values or, for
 * {@code (N, K)}, class indices.
 */
class MeanSquaredErrorTest extends LossContract {

    @Override
    protected LossLayer create(Random random) {
        return new MeanSquaredError(Reduction.values()[random.nextInt(Reduction.values().length)]);
    }

    @Override
    protected Arbitrary<int[]> scoreShapes() {
        return Arbitraries.oneOf(Tensors.matrixShapes(8, 16), Tensors.shapes(1, 4, 4));
    }

    @Override
    protected Tensor targets(int[] scoreShape, Random random) {
        if (scoreShape.length != 2 || random.nextBoolean()) {
            return Tensor.uniform(random, -1, 1, scoreShape);
        }
        int n = scoreShape[0];
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.set(random.nextInt(scoreShape[1]), i);
        }
        return t;
    }

    /** Scores with one more example than the targets. */
    @Override
    protected List<int[]> wrongScoreShapes(int[] accepted) {
        int[] s = accepted.clone();
        s[0]++;
        return List.of(s);
    }

    @Test
    void forwardAndBackwardByHand() {
        // a = [[0.5, 0.25], [1, 0]], y = [[1, 0], [1, 0]]: differences −0.5, 0.25, 0, 0; Σd² = 0.3125
        Tensor a = Tensor.matrix(new double[][] {{0.5, 0.25}, {1, 0}});
        Tensor y = Tensor.matrix(new double[][] {{1, 0}, {1, 0}});
        // Nielsen: (½·0.3125)/2 = 0.078125; backward d/N
        MeanSquaredError mse = new MeanSquaredError();
        assertEquals(0.078125, mse.loss(a, y), 1e-16);
        assertArrayEquals(new double[] {-0.25, 0.125, 0, 0}, mse.backward().data(), 1e-16);
        // class indices stand for one-hot rows
        assertEquals(0.078125, new MeanSquaredError().loss(a, Tensor.vector(0, 0)), 1e-16);
        // PyTorch's mean over all 4 elements: 0.3125/4; backward 2d/4
        MeanSquaredError mean = new MeanSquaredError(Reduction.MEAN);
        assertEquals(0.078125, mean.loss(a, y), 1e-16);
        assertArrayEquals(new double[] {-0.25, 0.125, 0, 0}, mean.backward().data(), 1e-16);
        // the book's ½·Σ: 0.15625; backward d
        MeanSquaredError halfSum = new MeanSquaredError(Reduction.HALF_SUM);
        assertEquals(0.15625, halfSum.loss(a, y), 1e-16);
        assertArrayEquals(new double[] {-0.5, 0.25, 0, 0}, halfSum.backward().data(), 1e-16);
        // PyTorch's sum: 0.3125; backward 2d
        MeanSquaredError sum = new MeanSquaredError(Reduction.SUM);
        assertEquals(0.3125, sum.loss(a, y), 1e-16);
        assertArrayEquals(new double[] {-1, 0.5, 0, 0}, sum.backward().data(), 1e-16);
    }

    @Test
    void theReductionsPartOnOutputsOfAnotherShape() {
        // (N, K) = (1, 4) with d = 1 everywhere: Nielsen ½·4/1 = 2; mean 4/4 = 1
        Tensor a = Tensor.matrix(new double[][] {{1, 1, 1, 1}});
        Tensor y = Tensor.zeros(1, 4);
        assertEquals(2.0, new MeanSquaredError().loss(a, y), 0.0);
        assertEquals(1.0, new MeanSquaredError(Reduction.MEAN).loss(a, y), 0.0);
        // rank 1, (3,): d = 1, 2, 3, Σd² = 14; Nielsen divides by N = 3, the mean by 3 elements too
        Tensor v = Tensor.vector(1, 2, 3);
        assertEquals(7.0 / 3, new MeanSquaredError().loss(v, Tensor.zeros(3)), 1e-15);
        assertEquals(14.0 / 3, new MeanSquaredError(Reduction.MEAN).loss(v, Tensor.zeros(3)), 1e-15);
        // rank 3, (2, 1, 2): Σd² = 4, N = 2: Nielsen ½·4/2 = 1, mean 4/4 = 1, half sum 2
        Tensor r3 = Tensor.of(new double[] {1, -1, 1, -1}, 2, 1, 2);
        assertEquals(1.0, new MeanSquaredError().loss(r3, Tensor.zeros(2, 1, 2)), 0.0);
        assertEquals(2.0, new MeanSquaredError(Reduction.HALF_SUM).loss(r3, Tensor.zeros(2, 1, 2)), 0.0);
    }

    static Stream<JsonNode> references() throws IOException {
        try (InputStream in = MeanSquaredErrorTest.class.getResourceAsStream("conventions/mse.json")) {
            List<JsonNode> all = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(all::add);
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void eachReductionMatchesItsSource(JsonNode c) {
        int[] shape = new int[c.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = c.get("shape").get(i).asInt();
        }
        MeanSquaredError mse =
                new MeanSquaredError(Reduction.valueOf(c.get("reduction").asText()));
        double loss =
                mse.loss(Tensor.of(doubles(c.get("outputs")), shape), Tensor.of(doubles(c.get("targets")), shape));
        String who = c.get("name").asText() + " (" + c.get("source").asText() + ")";
        double expected = c.get("loss").asDouble();
        assertTrue(Math.abs(loss - expected) <= 1e-12 * Math.abs(expected), who + ": loss " + loss + " vs " + expected);
        double[] g = mse.backward().data();
        double[] eg = doubles(c.get("grad"));
        for (int i = 0; i < g.length; i++) {
            assertTrue(
                    Math.abs(g[i] - eg[i]) <= 1e-12 * Math.abs(eg[i]),
                    who + ": grad[" + i + "] " + g[i] + " vs " + eg[i]);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    @Test
    void badTargetsAreClearErrors() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new MeanSquaredError().loss(Tensor.zeros(2, 3), Tensor.zeros(3, 3)));
        assertEquals(
                "MeanSquaredError: expected targets of shape (2,) as class indices or (2, 3) as one-hot rows,"
                        + " got (3, 3)",
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new MeanSquaredError().loss(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 12)));
        assertEquals(
                "MeanSquaredError: expected targets of shape (2, 3, 4) like the outputs, got (2, 12)", e.getMessage());
    }
}

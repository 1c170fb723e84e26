package org.bricknet.layers;

import static org.bricknet.layers.Reference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BatchNormalization in the book's and in PyTorch's conventions: worked by hand, matched to
 * {@code conventions/batchnorm.json} (made by {@code conventions/layers.py} from PyTorch's
 * {@code BatchNorm1d/2d} and the book's own {@code BatchNormalization}) over one training forward,
 * one backward and one evaluation forward, and under the layer contract with the convention drawn
 * from the seed. Inputs are spread per feature of {@code (N, F·H·W)} (see
 * {@link BatchNormalizationTest#spread}), so every feature's batch variance stays far above eps.
 */
@PropertyDefaults(tries = 40)
class BatchNormalizationConventionsTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int channels = inputShape[1];
        int perExample = Arrays.stream(inputShape).skip(1).reduce(1, (a, b) -> a * b);
        boolean book = random.nextBoolean();
        int f = book ? perExample : channels;
        BatchNormalizationBuilder b = BatchNormalization.builder(f)
                .gamma(Tensor.uniform(random, 0.5, 2, f))
                .beta(Tensor.randn(random, 1.0, f));
        BatchNormalization bn = book
                ? b.initialRunningVariance(0)
                        .axes(BatchNormalization.Axes.PER_FEATURE)
                        .build()
                : b.eps(1e-5).pytorchMomentum(0.1).unbiasedRunningVariance(true).build();
        bn.forward(inputs(random, inputShape)); // running statistics away from their start
        return bn;
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Arbitraries.oneOf(Tensors.matrixShapes(8, 6), Tensors.shapes(4, 4, 3))
                .filter(s -> s[0] >= 2);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Arbitraries.longs().map(seed -> inputs(new Random(seed), shape));
    }

    /** Spread per feature of the input read as {@code (N, F·H·W)}, which spreads each channel too. */
    private static Tensor inputs(Random r, int[] shape) {
        int n = shape[0];
        Tensor flat =
                BatchNormalizationTest.spread(r, n, Arrays.stream(shape).skip(1).reduce(1, (a, b) -> a * b));
        return Tensor.of(flat.data(), shape);
    }

    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        int[] s = accepted.clone();
        s[1]++;
        return List.of(s);
    }

    @Test
    void pyTorchsRunningStatisticsByHand() {
        BatchNormalization bn = BatchNormalization.pytorch(2);
        // column 0: 1, 3 -> μ = 2, Σ(x − μ)² = 2; column 1: 2, 6 -> μ = 4, Σ(x − μ)² = 8
        Tensor y = bn.forward(Tensor.matrix(new double[][] {{1, 2}, {3, 6}}));
        // normalized with the biased σ² = 1 and 4 and eps 1e-5
        double s0 = Math.sqrt(1 + 1e-5);
        double s1 = Math.sqrt(4 + 1e-5);
        assertArrayEquals(new double[] {-1 / s0, -2 / s1, 1 / s0, 2 / s1}, y.data(), 1e-15);
        // running: (1 − 0.1)·0 + 0.1·μ; (1 − 0.1)·1 + 0.1·(unbiased 2/1 and 8/1)
        assertArrayEquals(new double[] {0.2, 0.4}, bn.runningMean(), 1e-15);
        assertArrayEquals(new double[] {1.1, 1.7}, bn.runningVariance(), 1e-15);
    }

    @Test
    void eachMomentumFormRoundsAsItsSource() {
        Tensor x = Tensor.matrix(new double[][] {{1}, {3}}); // μ = 2
        BatchNormalization book = BatchNormalization.builder(1).momentum(0.9).build();
        BatchNormalization pytorch =
                BatchNormalization.builder(1).pytorchMomentum(0.1).build();
        book.forward(x);
        pytorch.forward(x);
        // the book: 0.9·0 + (1 − 0.9)·2, where 1 − 0.9 = 0.09999999999999998 in double
        assertEquals((1 - 0.9) * 2, book.runningMean()[0], 0.0);
        assertEquals(0.19999999999999996, book.runningMean()[0], 0.0);
        // PyTorch: (1 − 0.1)·0 + 0.1·2 = 0.2 exactly as written
        assertEquals(0.2, pytorch.runningMean()[0], 0.0);
    }

    @Test
    void theBookNormalizesImagesPerFeatureFromARunningVarianceOfZero() {
        BatchNormalization bn = BatchNormalization.book(2);
        // (N, C, H, W) = (2, 1, 1, 2) read as (2, 2): feature 0 holds 1 and 5 (μ = 3, σ² = 4), feature 1
        // holds 3 and 7 (μ = 5, σ² = 4); per channel all four would give μ = 4, σ² = 5
        Tensor y = bn.forward(Tensor.of(new double[] {1, 3, 5, 7}, 2, 1, 1, 2));
        double s = Math.sqrt(4 + 1e-6);
        assertArrayEquals(new double[] {-2 / s, -2 / s, 2 / s, 2 / s}, y.data(), 1e-15);
        assertEquals(BatchNormalization.Axes.PER_FEATURE, bn.axes());
        // running variance from 0: 0.9·0 + 0.1·4
        assertArrayEquals(new double[] {0.4, 0.4}, bn.runningVariance(), 1e-15);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(2, 2, 1, 2)));
        assertEquals(
                "BatchNormalization: expected input of shape (N, 2) or (N, ...) with 2 values per example, got (2, 2, 1, 2)",
                e.getMessage());
    }

    @Test
    void anUnbiasedVarianceNeedsTwoValuesPerFeature() {
        BatchNormalization bn = BatchNormalization.pytorch(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 3)));
        assertEquals(
                "BatchNormalization: the unbiased running variance needs at least 2 values per feature in a"
                        + " training batch, got input of shape (1, 3)",
                e.getMessage());
        assertArrayEquals(new double[] {1, 1, 1}, bn.runningVariance(), 0.0); // untouched
    }

    static Stream<JsonNode> references() {
        return Reference.cases(Reference.read("conventions/batchnorm.json")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void oneTrainingStepAndOneEvaluationMatchTheSource(JsonNode c) {
        int[] shape = Reference.ints(c.get("shape"));
        int f = c.get("gamma").size();
        BatchNormalization bn = build(c.get("settings"), f);
        bn.parameters().get(0).value().copyFrom(Reference.tensor(c.get("gamma"), f));
        bn.parameters().get(1).value().copyFrom(Reference.tensor(c.get("beta"), f));
        String who = c.get("name").asText() + " (" + c.get("source").asText() + ")";
        bn.setTraining(true);
        assertClose(c.get("y"), bn.forward(Reference.tensor(c.get("x"), shape)).data(), who + " y");
        assertClose(
                c.get("dx"), bn.backward(Reference.tensor(c.get("dout"), shape)).data(), who + " dx");
        assertClose(c.get("dgamma"), bn.parameters().get(0).grad().data(), who + " dgamma");
        assertClose(c.get("dbeta"), bn.parameters().get(1).grad().data(), who + " dbeta");
        assertClose(c.get("running_mean"), bn.runningMean(), who + " running_mean");
        assertClose(c.get("running_var"), bn.runningVariance(), who + " running_var");
        bn.setTraining(false);
        assertClose(
                c.get("y_eval"),
                bn.forward(Reference.tensor(c.get("x_eval"), shape)).data(),
                who + " y_eval");
    }

    private static BatchNormalization build(JsonNode s, int f) {
        if (s.has("preset")) {
            return s.get("preset").asText().equals("book") ? BatchNormalization.book(f) : BatchNormalization.pytorch(f);
        }
        return BatchNormalization.builder(f)
                .pytorchMomentum(s.get("pytorch_momentum").asDouble())
                .eps(s.get("eps").asDouble())
                .unbiasedRunningVariance(s.get("unbiased").asBoolean())
                .build();
    }
}

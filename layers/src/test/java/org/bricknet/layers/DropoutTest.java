package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked examples and the mask's statistics, the book's and PyTorch's forms against
 * {@code conventions/dropout.json} (made by {@code conventions/layers.py}: the mask each source drew,
 * set here), and Dropout under the layer contract (inherited jqwik properties), in training and in
 * evaluation, in either form, with a ratio in [0, 0.9) and the mask drawn from the factory's Random
 * (the gradient property holds it) or set.
 */
class DropoutTest extends LayerContract {

    @Override
    protected Layer create(int[] inputShape, Random random) {
        Dropout.Form form = random.nextBoolean() ? Dropout.Form.INVERTED : Dropout.Form.BOOK;
        Dropout d = new Dropout(0.9 * random.nextDouble(), random, form);
        if (random.nextInt(3) == 0) {
            Tensor keep = Tensor.zeros(inputShape);
            for (int i = 0; i < keep.size(); i++) {
                keep.data()[i] = random.nextBoolean() ? 1 : 0;
            }
            d.setMask(keep);
        }
        return d;
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        return Tensors.shapes(1, 4, 5);
    }

    /** Element-wise: every shape is a right shape. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        return List.of();
    }

    @Test
    void evaluationIsTheIdentity() {
        Dropout dropout = new Dropout(0.5, new Random(1));
        dropout.setTraining(false);
        Tensor x = Tensor.randn(new Random(2), 1.0, 4, 5);
        assertArrayEquals(x.data(), dropout.forward(x).data());
        Tensor dout = Tensor.randn(new Random(3), 1.0, 4, 5);
        assertArrayEquals(dout.data(), dropout.backward(dout).data());
    }

    @Test
    void trainingDropsAboutRatioAndScalesTheRest() {
        double ratio = 0.3;
        Dropout dropout = new Dropout(ratio, new Random(42));
        Tensor x = Tensor.zeros(100, 100).fill(2.0);
        double[] y = dropout.forward(x).data();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(2.0 / (1 - ratio), v, 1e-15);
            }
        }
        // 10,000 Bernoulli(0.3) draws: standard deviation of the fraction is 0.0046; 0.02 is 4.4 of them
        assertEquals(ratio, zeros / 10_000.0, 0.02);
        // backward lets the gradient through exactly where the input went through
        double[] dx = dropout.backward(Tensor.zeros(100, 100).fill(1.0)).data();
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i] / 2.0, dx[i], 1e-15);
        }
    }

    @Test
    void holdingKeepsTheMaskAndReleasingDrawsANewOne() {
        Tensor x = Tensor.zeros(8, 8).fill(1.0);
        Dropout a = new Dropout(0.5, new Random(7));
        double[] first = a.forward(x).data().clone();
        assertTrue(a.isStochastic());
        a.holdRandomDraw(true);
        assertArrayEquals(first, a.forward(x).data());
        a.holdRandomDraw(false);
        assertFalse(Arrays.equals(first, a.forward(x).data()), "a new draw gives a new mask");
    }

    @Test
    void theBooksFormKeepsUnscaledAndScalesAtEvaluation() {
        Dropout d = Dropout.book(0.25, new Random(1));
        d.setMask(Tensor.vector(1, 0, 1, 1));
        Tensor x = Tensor.vector(2, 4, 6, 8);
        // training: x ⊙ mask, no scaling
        assertArrayEquals(new double[] {2, 0, 6, 8}, d.forward(x).data(), 0.0);
        assertArrayEquals(
                new double[] {1, 0, 1, 1}, d.backward(Tensor.vector(1, 1, 1, 1)).data(), 0.0);
        // evaluation: x·(1 − 0.25), and its gradient 0.75
        d.setTraining(false);
        assertArrayEquals(new double[] {1.5, 3, 4.5, 6}, d.forward(x).data(), 0.0);
        assertArrayEquals(
                new double[] {0.75, 0.75, 0.75, 0.75},
                d.backward(Tensor.vector(1, 1, 1, 1)).data(),
                0.0);
    }

    @Test
    void aSetMaskIsUsedUntilCleared() {
        Dropout d = new Dropout(0.5, new Random(1));
        d.setMask(Tensor.vector(0, 1, 1));
        assertFalse(d.isStochastic(), "a set mask draws nothing");
        // inverted: kept elements ×1/(1 − 0.5) = 2
        assertArrayEquals(
                new double[] {0, 4, 6}, d.forward(Tensor.vector(1, 2, 3)).data(), 0.0);
        assertArrayEquals(
                new double[] {0, 4, 6}, d.forward(Tensor.vector(1, 2, 3)).data(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.forward(Tensor.vector(1, 2)));
        assertEquals("Dropout: expected input (the mask set is of that shape) of shape (3,), got (2,)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.setMask(Tensor.vector(1, 0.5)));
        assertEquals("Dropout: expected a mask of 0 (dropped) and 1 (kept), got 0.5 at element 1", e.getMessage());
        d.setMask(null);
        assertTrue(d.isStochastic());
        assertEquals(2, d.forward(Tensor.vector(1, 2)).size());
    }

    static java.util.stream.Stream<com.fasterxml.jackson.databind.JsonNode> references() {
        return Reference.cases(Reference.read("conventions/dropout.json")).stream();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("references")
    void theSourcesMaskGivesTheSourcesNumbers(com.fasterxml.jackson.databind.JsonNode c) {
        int[] shape = Reference.ints(c.get("shape"));
        Dropout d = new Dropout(
                c.get("ratio").asDouble(),
                new Random(0),
                Dropout.Form.valueOf(c.get("form").asText()));
        d.setMask(Reference.tensor(c.get("keep"), shape));
        String who = c.get("name").asText() + " (" + c.get("source").asText() + ")";
        Tensor x = Reference.tensor(c.get("x"), shape);
        Reference.assertClose(c.get("y"), d.forward(x).data(), who + " y");
        Reference.assertClose(
                c.get("dx"), d.backward(Reference.tensor(c.get("dout"), shape)).data(), who + " dx");
        d.setTraining(false);
        Reference.assertClose(c.get("y_eval"), d.forward(x).data(), who + " y_eval");
    }

    @Test
    void badRatioIsAClearError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, new Random(1)));
        assertEquals("Dropout: ratio must be in [0, 1), got 1.0", e.getMessage());
    }
}

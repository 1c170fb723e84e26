package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.bricknet.core.Graph;
import org.junit.jupiter.api.Test;

/** Every brick of the library prints as what it is, with its sizes and settings. */
class BrickNamesTest {
    private final Random r = new Random(1);

    @Test
    void bricksWithSizesAndSettings() {
        assertEquals("Affine(784 → 50)", new Affine(784, 50, 0.01, r).toString());
        assertEquals(
                "Convolution(30 filters 5x5, stride 1, pad 0)",
                new Convolution(30, 1, 5, 5, 1, 0, WeightInit.he(), r).toString());
        assertEquals("MaxPooling(2x2, stride 2, pad 0)", new MaxPooling(2, 2, 2, 0).toString());
        assertEquals("AvgPooling(3x2, stride 1, pad 1)", new AvgPooling(3, 2, 1, 1).toString());
        assertEquals("BatchNormalization(100, momentum 0.9, eps 1.0E-6)", new BatchNormalization(100).toString());
        assertEquals("Dropout(0.5)", new Dropout(0.5, r).toString());
        assertEquals("LeakyRelu(0.01)", new LeakyRelu(0.01).toString());
        assertEquals("Split(20, 30)", new Split(20, 30).toString());
    }

    @Test
    void bricksWithoutSettings() {
        assertEquals("Relu", new Relu().toString());
        assertEquals("Sigmoid", new Sigmoid().toString());
        assertEquals("Tanh", new Tanh().toString());
        assertEquals("Softmax", new Softmax().toString());
        assertEquals("Flatten", new Flatten().toString());
        assertEquals("Add", new Add().toString());
        assertEquals("Concat", new Concat().toString());
        assertEquals("Multiply", new Multiply().toString());
        assertEquals("AddLayer", new AddLayer().toString());
    }

    @Test
    void lazyBricksShowWhatTheGraphHasNotToldThemYet() {
        Affine fc = new Affine(10, WeightInit.he());
        BatchNormalization bn = new BatchNormalization();
        assertEquals("Affine(? → 10)", fc.toString());
        assertEquals("BatchNormalization(?, momentum 0.9, eps 1.0E-6)", bn.toString());
        Graph.builder()
                .input("x", 2, 3)
                .node("fc", fc, "x")
                .node("bn", bn, "fc")
                .output("bn")
                .build(r);
        assertEquals("Affine(6 → 10)", fc.toString());
        assertEquals("BatchNormalization(10, momentum 0.9, eps 1.0E-6)", bn.toString());
    }
}

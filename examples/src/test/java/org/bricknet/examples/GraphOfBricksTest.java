package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.layers.Add;
import org.bricknet.layers.Affine;
import org.bricknet.layers.AvgPooling;
import org.bricknet.layers.BatchNormalization;
import org.bricknet.layers.Concat;
import org.bricknet.layers.Convolution;
import org.bricknet.layers.Dropout;
import org.bricknet.layers.Tanh;
import org.bricknet.layers.WeightInit;
import org.bricknet.losses.SoftmaxWithLoss;
import org.junit.jupiter.api.Test;

/**
 * Graphs of the library's own bricks, checked whole and node by node: a residual stack with batch
 * normalisation and dropout inside, and a convolutional network of two branches joined by Concat.
 * Smooth activations (tanh, average pooling) keep the checks off kinks.
 */
class GraphOfBricksTest {
    private final Random r = new Random(11);

    private static void passes(GradientReport report) {
        assertTrue(report.passed(), report::toString);
        assertTrue(report.rows().stream().anyMatch(row -> row.name().startsWith("[")), "checked node by node");
    }

    @Test
    void aResidualStackWithBatchNormAndDropoutInside() {
        Graph g = Graph.builder()
                .input("x", 6)
                .node("fc0", new Affine(8, WeightInit.xavier()), "x")
                .node("bn1", new BatchNormalization(8), "fc0")
                .node("act1", new Tanh(), "bn1")
                .node("drop1", new Dropout(0.3, new Random(5)), "act1")
                .node("fc1", new Affine(8, WeightInit.xavier()), "drop1")
                .node("res1", new Add(), "fc0", "fc1")
                .node("bn2", new BatchNormalization(8), "res1")
                .node("act2", new Tanh(), "bn2")
                .node("fc2", new Affine(8, WeightInit.xavier()), "act2")
                .node("res2", new Add(), "res1", "fc2")
                .node("scores", new Affine(3, WeightInit.xavier()), "res2")
                .loss("loss", new SoftmaxWithLoss(), "scores")
                .build(r);
        Tensor x = Tensor.randn(new Random(2), 1.0, 7, 6);
        Tensor t = Tensor.vector(0, 1, 2, 0, 1, 2, 1);
        passes(GradientCheck.graph(g, x, t, CheckMode.full(), Tolerance.DEFAULT));
    }

    @Test
    void twoConvolutionBranchesJoinedByConcat() {
        Graph g = Graph.builder()
                .input("image", 1, 8, 8)
                .node("conv3", new Convolution(2, 3, 3, 1, 1, WeightInit.he()), "image")
                .node("conv5", new Convolution(2, 5, 5, 1, 2, WeightInit.he()), "image")
                .node("both", new Concat(), "conv3", "conv5")
                .node("act", new Tanh(), "both")
                .node("pool", new AvgPooling(2, 2, 2, 0), "act")
                .node("scores", new Affine(3, WeightInit.he()), "pool")
                .loss("loss", new SoftmaxWithLoss(), "scores")
                .build(r);
        Tensor x = Tensor.uniform(new Random(3), 0.05, 1, 2, 1, 8, 8);
        Tensor t = Tensor.vector(2, 0);
        passes(GradientCheck.graph(g, x, t, CheckMode.subset(20, 4), Tolerance.DEFAULT));
    }
}

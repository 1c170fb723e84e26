package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.testing.Drop;
import org.bricknet.core.testing.Join;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.Scale;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/** The graph's backward: fan-out, shared weights, merges, nesting, several inputs and losses. */
class GraphBackpropTest {
    private final Random r = new Random(7);
    private final Tensor x = Tensor.randn(new Random(3), 1.0, 5, 4);
    private final Tensor t = Tensor.vector(0, 2, 1, 1, 0);

    private static void passes(GradientReport report) {
        assertTrue(report.passed(), report::toString);
        assertTrue(report.checked() > 0, report::toString);
    }

    private static GradientReport check(Graph g, Map<String, Tensor> in, Map<String, Tensor> targets) {
        return GradientCheck.graph(g, in, targets, CheckMode.full(), Tolerance.DEFAULT);
    }

    @Test
    void fanOutSumsTheGradientsOfEveryUse() {
        // h is taken by a, by b and by the merge: three uses, their gradients summed
        Graph g = Graph.builder()
                .input("x", 4)
                .node("h", new Linear(4, 4, 0.5, r), "x")
                .node("a", new Linear(4, 4, 0.5, r), "h")
                .node("b", new Linear(4, 4, 0.5, r), "h")
                .node("merge", new Join(), "a", "b", "h")
                .node("scores", new Linear(4, 3, 0.5, r), "merge")
                .loss("loss", new SoftmaxCrossEntropy(), "scores")
                .build();
        passes(check(g, Map.of("x", x), Map.of("t", t)));
    }

    @Test
    void sharedWeightsTrainOnceWithTheSummedGradientAndAreKeptOnce() {
        Linear first = new Linear(4, 4, 0.5, r);
        Linear tied = new Linear(first.weights().value(), first.bias().value());
        Graph g = Graph.builder()
                .input("x", 4)
                .node("first", first, "x")
                .node("tied", tied, "first")
                .node("scores", new Linear(4, 3, 0.5, r), "tied")
                .loss("loss", new SoftmaxCrossEntropy(), "scores")
                .build();
        assertEquals(
                List.of("first.W", "first.b", "scores.W", "scores.b"),
                List.copyOf(g.namedParameters().keySet()));
        assertEquals(
                List.of("first.W", "first.b", "scores.W", "scores.b"),
                List.copyOf(g.state().keySet()));
        passes(check(g, Map.of("x", x), Map.of("t", t)));
        // both holders see the summed gradient; an optimizer steps the one parameter once
        g.loss(x, t);
        g.backward();
        assertArrayEquals(first.weights().grad().data(), tied.weights().grad().data());
    }

    @Test
    void aThreeInputMergeGivesEachInputItsOwnGradient() {
        Graph g = Graph.builder()
                .input("x", 4)
                .node("a", new Linear(4, 3, 0.5, r), "x")
                .node("b", new Linear(4, 3, 0.5, r), "x")
                .node("c", new Linear(4, 3, 0.5, r), "x")
                .node("merge", new Join(), "a", "b", "c")
                .loss("loss", new SoftmaxCrossEntropy(), "merge")
                .build();
        passes(check(g, Map.of("x", x), Map.of("t", t)));
    }

    @Test
    void aGraphNestsAsABrick() {
        Graph block = Graph.builder()
                .input("in", 4)
                .node("fc", new Linear(4, 4, 0.5, r), "in")
                .node("res", new Join(), "in", "fc")
                .output("res")
                .build();
        Graph outer = Graph.builder()
                .input("x", 4)
                .node("block1", block, "x")
                .node("scores", new Linear(4, 3, 0.5, r), "block1")
                .loss("loss", new SoftmaxCrossEntropy(), "scores")
                .build();
        assertEquals(
                List.of("block1.fc.W", "block1.fc.b", "scores.W", "scores.b"),
                List.copyOf(outer.namedParameters().keySet()));
        passes(check(outer, Map.of("x", x), Map.of("t", t)));
    }

    @Test
    void twoInputsAndTwoWeightedLosses() {
        Tensor y = Tensor.randn(new Random(4), 1.0, 5, 2);
        Tensor u = Tensor.vector(1, 1, 0, 1, 0);
        Graph g = Graph.builder()
                .input("x", 4)
                .input("y", 2)
                .node("fx", new Linear(4, 3, 0.5, r), "x")
                .node("fy", new Linear(2, 3, 0.5, r), "y")
                .node("both", new Join(), "fx", "fy")
                .node("aux", new Linear(3, 2, 0.5, r), "fx")
                .loss("main", new SoftmaxCrossEntropy(), "both", "t", 1.0)
                .loss("side", new SoftmaxCrossEntropy(), "aux", "u", 0.25)
                .build();
        double main = new SoftmaxCrossEntropyProbe().loss(g, Map.of("x", x, "y", y));
        double total = g.loss(Map.of("x", x, "y", y), Map.of("t", t, "u", u));
        assertTrue(total > main);
        passes(check(g, Map.of("x", x, "y", y), Map.of("t", t, "u", u)));
    }

    @Test
    void backwardTwiceGivesTheSameGradients() {
        Graph g = Graph.builder()
                .input("x", 4)
                .node("h", new Linear(4, 4, 0.5, r), "x")
                .node("merge", new Join(), "h", "h")
                .loss("loss", new SoftmaxCrossEntropy(), "merge")
                .build();
        g.loss(x, t);
        g.backward();
        Tensor first = g.namedParameters().get("h.W").grad().copy();
        g.backward();
        assertArrayEquals(first.data(), g.namedParameters().get("h.W").grad().data());
    }

    @Test
    void trainingModeReseedingAndHeldDrawsReachNestedNodes() {
        Drop drop = new Drop(0.5, new Random(1));
        Graph inner = Graph.builder()
                .input("in", 4)
                .node("drop", drop, "in")
                .output("drop")
                .build();
        Graph outer = Graph.builder()
                .input("x", 4)
                .node("inner", inner, "x")
                .node("scores", new Linear(4, 3, 0.5, r), "inner")
                .loss("loss", new SoftmaxCrossEntropy(), "scores")
                .build();
        assertTrue(outer.isStochastic());
        outer.holdRandomDraw(true);
        assertTrue(drop.isHeld());
        outer.holdRandomDraw(false);
        outer.setTraining(false);
        Network net = new Network(outer);
        Tensor a = net.predict(x);
        assertArrayEquals(a.data(), net.predict(x).data(), "evaluation mode reaches the nested dropout");
        passes(GradientCheck.graph(outer, x, t, CheckMode.full(), Tolerance.DEFAULT));
    }

    @Test
    void aWrongBackwardIsNamedByItsNode() {
        Graph g = Graph.builder()
                .input("x", 4)
                .node("fc", new Linear(4, 4, 0.5, r), "x")
                .node("scale", new Scale(4, r, Scale.Fault.GRADIENT), "fc")
                .node("scores", new Linear(4, 3, 0.5, r), "scale")
                .loss("loss", new SoftmaxCrossEntropy(), "scores")
                .build();
        GradientReport report = GradientCheck.graph(g, x, t, CheckMode.full(), Tolerance.DEFAULT);
        assertFalse(report.passed());
        List<String> failing = new ArrayList<>();
        report.rows().stream().filter(row -> !row.passed()).forEach(row -> failing.add(row.name()));
        assertTrue(failing.contains("[scale] s"), failing::toString);
        assertTrue(
                failing.stream().filter(n -> n.startsWith("[")).allMatch(n -> n.startsWith("[scale]")),
                failing::toString);
    }

    @Test
    void listenersSeeEveryNodeAndNetworksOverGraphsTrainAsChainsDo() {
        Graph g = Graph.builder()
                .input("x", 4)
                .node("fc", new Linear(4, 3, 0.5, r), "x")
                .loss("loss", new SoftmaxCrossEntropy(), "fc")
                .build();
        List<String> seen = new ArrayList<>();
        GraphListener l = new GraphListener() {
            @Override
            public void forward(String name, Brick brick, Tensor[] inputs, Tensor[] outputs) {
                seen.add("forward " + name + " " + outputs[0].shapeString());
            }

            @Override
            public void backward(String name, Brick brick, Tensor[] outputGradients, Tensor[] inputGradients) {
                seen.add("backward " + name);
            }
        };
        g.addListener(l);
        Network net = new Network(g);
        net.backprop(x, t);
        g.removeListener(l);
        assertEquals(List.of("forward fc (5, 3)", "backward fc"), seen);
        assertSame(g, net.graph());
        assertEquals(List.of("fc.W", "fc.b"), List.copyOf(net.parameters().keySet()));
        GradientCheck.assertNetwork(net, x, t);
    }

    /** The main loss alone, for comparison with the weighted sum. */
    private static final class SoftmaxCrossEntropyProbe {
        double loss(Graph g, Map<String, Tensor> in) {
            Tensor both = g.forward(in).get("both");
            return new SoftmaxCrossEntropy().loss(both, Tensor.vector(0, 2, 1, 1, 0));
        }
    }
}

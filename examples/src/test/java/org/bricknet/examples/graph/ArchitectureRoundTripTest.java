package org.bricknet.examples.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BrickRegistry;
import org.bricknet.core.io.BrickType;
import org.bricknet.examples.custom.Swish;
import org.bricknet.layers.Add;
import org.bricknet.layers.Affine;
import org.bricknet.layers.BatchNormalization;
import org.bricknet.layers.Concat;
import org.bricknet.layers.Convolution;
import org.bricknet.layers.MaxPooling;
import org.bricknet.layers.Relu;
import org.bricknet.layers.Tanh;
import org.bricknet.layers.WeightInit;
import org.bricknet.losses.SoftmaxWithLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graphs built from code, written as JSON, read back and written again: the same text, the same graph. */
class ArchitectureRoundTripTest {
    @TempDir
    Path dir;

    static Graph residualBlock(int width, Random r) {
        return Graph.builder()
                .input("in", width)
                .node("fc1", new Affine(width, WeightInit.he()), "in")
                .node("bn", new BatchNormalization(), "fc1")
                .node("relu", new Relu(), "bn")
                .node("fc2", new Affine(width, WeightInit.he()), "relu")
                .node("add", new Add(), "in", "fc2")
                .output("add")
                .build(r);
    }

    static Graph residualMlp(Random r) {
        return Graph.builder()
                .input("x", 12)
                .node("fc0", new Affine(8, WeightInit.he()), "x")
                .node("res1", residualBlock(8, r), "fc0")
                .node("res2", residualBlock(8, r), "res1")
                .node("scores", new Affine(3, WeightInit.he()), "res2")
                .loss("loss", new SoftmaxWithLoss(), "scores")
                .build(r);
    }

    private static Graph branchingCnn(Random r) {
        return Graph.builder()
                .input("image", 1, 8, 8)
                .node("conv3", new Convolution(2, 3, 3, 1, 1, WeightInit.he()), "image")
                .node("conv5", new Convolution(2, 5, 5, 1, 2, WeightInit.he()), "image")
                .node("both", new Concat(), "conv3", "conv5")
                .node("relu", new Relu(), "both")
                .node("pool", new MaxPooling(2, 2, 2, 0), "relu")
                .node("scores", new Affine(3, WeightInit.he()), "pool")
                .loss("loss", new SoftmaxWithLoss(), "scores", "t", 0.5)
                .build(r);
    }

    private static void sameStateShapes(Graph a, Graph b) {
        assertEquals(List.copyOf(a.state().keySet()), List.copyOf(b.state().keySet()));
        a.state()
                .forEach((k, v) -> assertArrayEquals(v.shape(), b.state().get(k).shape(), k));
    }

    @Test
    void aResidualMlpRoundTrips() throws Exception {
        Graph code = residualMlp(new Random(1));
        String json = Architecture.of(code).toJson();
        // the two identical nested graphs are one block, named after its first use
        assertTrue(json.contains("{\"name\": \"res2\", \"block\": \"res1\", \"takes\": [\"res1\"]}"), json);
        Graph read = Architecture.parse(json, "test").build(new Random(2));
        assertEquals(json, Architecture.of(read).toJson());
        sameStateShapes(code, read);
    }

    @Test
    void aBranchingCnnRoundTripsThroughAFile() throws Exception {
        Graph code = branchingCnn(new Random(1));
        Path file = dir.resolve("cnn.json");
        Architecture.of(code).write(file);
        Graph read = Architecture.read(file).build(new Random(2));
        assertEquals(Architecture.of(code).toJson(), Architecture.of(read).toJson());
        sameStateShapes(code, read);
        assertEquals(0.5, read.lossWeight("loss"));
    }

    @Test
    void writtenTextReadsBackToTheSameText() throws Exception {
        String text = """
                {
                  "format": "bricknet-architecture-1",
                  "inputs": [{"name": "x", "shape": [6]}],
                  "nodes": [
                    {"name": "fc", "type": "Affine", "settings": {"out": 4, "init": "0.01"}, "takes": ["x"]},
                    {"name": "act", "type": "LeakyRelu", "settings": {"slope": 0.1}, "takes": ["fc"]},
                    {"name": "parts", "type": "Split", "settings": {"sizes": [1, 3]}, "takes": ["act"]},
                    {"name": "scores", "type": "Affine", "settings": {"out": 2, "init": "xavier"}, "takes": ["parts:1"]}
                  ],
                  "outputs": ["scores", "parts:0"],
                  "losses": [{"name": "loss", "type": "SoftmaxWithLoss", "scores": "scores", "target": "t", "weight": 1.0}],
                  "training": {"epochs": 3, "batch_size": 50, "optimizer": "adam", "learning_rate": 0.001, "schedule": "step:2:0.5"}
                }
                """;
        Architecture a = Architecture.parse(text, "test");
        assertEquals(text, a.toJson());
        assertEquals(
                new Architecture.Training(3, 50, "adam", 0.001, null, "step:2:0.5"),
                a.training().orElseThrow());
        assertEquals(
                text.replace(
                        ",\n  \"training\": {\"epochs\": 3, \"batch_size\": 50, \"optimizer\": \"adam\","
                                + " \"learning_rate\": 0.001, \"schedule\": \"step:2:0.5\"}",
                        ""),
                Architecture.of(a.build(new Random(1))).toJson());
    }

    @Test
    void aFileDrawsTheSameWeightsAsCodeFromTheSameSeed() throws Exception {
        Graph code = branchingCnn(new Random(9));
        Graph read = Architecture.parse(Architecture.of(code).toJson(), "test").build(new Random(9));
        code.state()
                .forEach((k, v) ->
                        assertArrayEquals(v.data(), read.state().get(k).data(), k));
    }

    @Test
    void sharedWeightsAreWrittenAsSharesAndStoredOnce() throws Exception {
        Random r = new Random(3);
        Affine first = new Affine(6, 6, WeightInit.he(), r);
        Affine tied = new Affine(first.weights().value(), first.bias().value());
        Graph code = Graph.builder()
                .input("x", 6)
                .node("first", first, "x")
                .node("act", new Tanh(), "first")
                .node("tied", tied, "act")
                .node("scores", new Affine(3, WeightInit.he()), "tied")
                .loss("loss", new SoftmaxWithLoss(), "scores")
                .build(r);
        String json = Architecture.of(code).toJson();
        assertTrue(json.contains("{\"name\": \"tied\", \"shares\": \"first\", \"takes\": [\"act\"]}"), json);
        Graph read = Architecture.parse(json, "test").build(new Random(4));
        assertEquals(
                List.of("first.W", "first.b", "scores.W", "scores.b"),
                List.copyOf(read.state().keySet()));
        assertSame(
                read.nodes().get("first").parameters().get(0).value(),
                read.nodes().get("tied").parameters().get(0).value());
        assertEquals(json, Architecture.of(read).toJson());
    }

    @Test
    void aBlockThatSharesAnotherHoldsItsParametersButKeepsItsOwnRunningStatistics() throws Exception {
        String json = Architecture.of(residualMlp(new Random(1)))
                .toJson()
                .replace("{\"name\": \"res2\", \"block\": \"res1\",", "{\"name\": \"res2\", \"shares\": \"res1\",");
        Graph g = Architecture.parse(json, "test").build(new Random(5));
        Graph res1 = (Graph) g.nodes().get("res1");
        Graph res2 = (Graph) g.nodes().get("res2");
        assertSame(
                res1.namedParameters().get("fc1.W").value(),
                res2.namedParameters().get("fc1.W").value());
        assertEquals(
                List.of(
                        "fc0.W",
                        "fc0.b",
                        "res1.fc1.W",
                        "res1.fc1.b",
                        "res1.bn.gamma",
                        "res1.bn.beta",
                        "res1.fc2.W",
                        "res1.fc2.b",
                        "scores.W",
                        "scores.b"),
                List.copyOf(g.namedParameters().keySet()));
        assertEquals(
                List.of("res1.bn.running_mean", "res1.bn.running_var", "res2.bn.running_mean", "res2.bn.running_var"),
                List.copyOf(g.buffers().keySet()));
        assertEquals(json, Architecture.of(g).toJson());
        Tensor x = Tensor.randn(new Random(6), 1.0, 5, 12);
        Tensor t = Tensor.vector(0, 1, 2, 1, 0);
        GradientReport report = GradientCheck.graph(g, x, t, CheckMode.subset(6, 1), Tolerance.DEFAULT);
        assertTrue(report.passed(), report::toString);
    }

    @Test
    void whatAnArchitectureCannotSayIsNamed() {
        Graph custom = Graph.builder()
                .input("x", 4)
                .node("sw", new Unregistered(), "x")
                .output("sw")
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.of(custom));
        assertEquals(
                "Architecture: node 'sw' is a Unregistered, which no registered brick type makes; register one with"
                        + " BrickRegistry.register(BrickType.of(\"Unregistered\", Unregistered.class)...build())",
                e.getMessage());
        Graph unshaped = Graph.builder()
                .input("x")
                .node("r", new Relu(), "x")
                .output("r")
                .build();
        e = assertThrows(IllegalArgumentException.class, () -> Architecture.of(unshaped));
        assertEquals(
                "Architecture: input 'x' has no example shape, which an architecture needs; declare it, e.g."
                        + " input(\"x\", 784)",
                e.getMessage());
        Random r = new Random(1);
        Affine a = new Affine(4, 4, WeightInit.he(), r);
        Graph partly = Graph.builder()
                .input("x", 4)
                .node("a", a, "x")
                .node("b", new Affine(a.weights().value(), Tensor.zeros(4)), "a")
                .output("b")
                .build();
        e = assertThrows(IllegalArgumentException.class, () -> Architecture.of(partly));
        assertEquals(
                "Architecture: node 'b' holds some parameters of [a] but not exactly all of one node's; an architecture"
                        + " can only say that a node shares every parameter of another node of its graph",
                e.getMessage());
    }

    @Test
    void aRegistryOfOnesOwnTakesAUsersType() throws Exception {
        BrickType<Swish> swish =
                BrickType.of("Swish", Swish.class).create(s -> new Swish()).build();
        // a registry of its own, so that this test does not depend on what others registered
        BrickRegistry mine = BrickRegistry.of(List.of(BrickRegistry.standard().type("Affine")))
                .with(swish);
        Graph g = Graph.builder()
                .input("x", 4)
                .node("sw", new Swish(), "x")
                .node("fc", new Affine(2, WeightInit.he()), "sw")
                .output("fc")
                .build(new Random(1));
        String json = Architecture.of(g, mine).toJson();
        assertTrue(json.contains("{\"name\": \"sw\", \"type\": \"Swish\", \"takes\": [\"x\"]}"), json);
        Graph read = Architecture.parse(json, "test", mine).build(new Random(1));
        assertTrue(read.nodes().get("sw") instanceof Swish);
        IllegalArgumentException twice = assertThrows(
                IllegalArgumentException.class,
                () -> mine.with(BrickType.of("Swish", Relu.class)
                        .create(s -> new Relu())
                        .build()));
        assertEquals(
                "BrickRegistry: a brick type named 'Swish' is already registered (for"
                        + " org.bricknet.examples.custom.Swish)",
                twice.getMessage());
        assertArrayEquals(
                new int[] {4}, Architecture.parse(json, "test", mine).inputs().get("x"));
    }

    /** A brick no registry knows. */
    private static final class Unregistered implements org.bricknet.core.Layer {
        @Override
        public Tensor forward(Tensor x) {
            return x;
        }

        @Override
        public Tensor backward(Tensor dout) {
            return dout;
        }
    }
}

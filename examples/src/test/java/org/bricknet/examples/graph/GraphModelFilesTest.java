package org.bricknet.examples.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Tanh;
import org.bricknet.layers.WeightInit;
import org.bricknet.losses.SoftmaxWithLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network over a graph saved with its architecture loads without its code; a file whose
 * architecture does not fit its tensors is refused, naming the tensor, before anything is built.
 */
class GraphModelFilesTest {
    @TempDir
    Path dir;

    private final Tensor x = Tensor.randn(new Random(3), 1.0, 4, 12);

    private Network trainedResidualMlp() {
        Network net = new Network(ArchitectureRoundTripTest.residualMlp(new Random(1)));
        Tensor t = Tensor.vector(0, 1, 2, 1);
        for (int i = 0; i < 3; i++) { // running statistics and weights away from their start
            net.backprop(x, t);
            net.parameters().values().forEach(p -> {
                double[] w = p.value().data();
                double[] g = p.grad().data();
                for (int j = 0; j < w.length; j++) {
                    w[j] -= 0.1 * g[j];
                }
            });
        }
        return net;
    }

    @Test
    void aSavedGraphLoadsWithoutItsCodeAndPredictsTheSame() throws Exception {
        Network net = trainedResidualMlp();
        Path file = dir.resolve("res.safetensors");
        ModelFiles.saveGraph(file, net, Map.of("note", "three steps"));
        SafeTensors.Contents contents = ModelFiles.read(file);
        assertEquals("bricknet-graph-1", contents.metadata().get("format"));
        assertEquals("three steps", contents.metadata().get("note"));
        assertEquals(
                List.copyOf(net.state().keySet()),
                List.copyOf(contents.tensors().keySet()));
        Network loaded = ModelFiles.loadGraph(file);
        assertArrayEquals(net.predict(x).data(), loaded.predict(x).data());
        net.state()
                .forEach((k, v) ->
                        assertArrayEquals(v.data(), loaded.state().get(k).data(), k));
    }

    @Test
    void aSharedWeightIsOneTensorInTheFile() throws Exception {
        Random r = new Random(2);
        Affine first = new Affine(12, 12, WeightInit.he(), r);
        Graph g = Graph.builder()
                .input("x", 12)
                .node("first", first, "x")
                .node("act", new Tanh(), "first")
                .node("tied", new Affine(first.weights().value(), first.bias().value()), "act")
                .node("scores", new Affine(3, WeightInit.he()), "tied")
                .loss("loss", new SoftmaxWithLoss(), "scores")
                .build(r);
        Path file = dir.resolve("tied.safetensors");
        ModelFiles.saveGraph(file, new Network(g));
        assertEquals(
                List.of("first.W", "first.b", "scores.W", "scores.b"),
                List.copyOf(ModelFiles.read(file).tensors().keySet()));
        Network loaded = ModelFiles.loadGraph(file);
        assertArrayEquals(new Network(g).predict(x).data(), loaded.predict(x).data());
    }

    /** A file of these tensors whose metadata holds {@code architecture}. */
    private Path file(Map<String, Tensor> tensors, String architecture) throws Exception {
        Path f = dir.resolve("hostile.safetensors");
        SafeTensors.save(f, tensors, Map.of("format", "bricknet-graph-1", "architecture", architecture));
        return f;
    }

    private static String refused(Path f) {
        BadFileException e = assertThrows(BadFileException.class, () -> ModelFiles.loadGraph(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage().substring(f.toString().length() + 2);
    }

    private static String mlp(int hidden) {
        return "{\"inputs\": [{\"name\": \"x\", \"shape\": [784]}], \"nodes\": [{\"name\": \"fc\", \"type\": \"Affine\","
                + " \"settings\": {\"out\": " + hidden + "}, \"takes\": [\"x\"]}], \"losses\": [{\"name\": \"loss\","
                + " \"type\": \"SoftmaxWithLoss\", \"scores\": \"fc\"}]}";
    }

    @Test
    void anArchitectureBiggerThanItsTensorsIsRefusedBeforeItIsBuilt() throws Exception {
        Map<String, Tensor> small = new LinkedHashMap<>();
        small.put("fc.W", Tensor.zeros(784, 10));
        small.put("fc.b", Tensor.zeros(10));
        // 784 x 100,000 weights (627 MB) claimed next to 63 kB of tensors: refused, nothing allocated
        assertEquals(
                "tensor 'fc.W' is (784, 10) but the architecture makes it (784, 100000)",
                refused(file(small, mlp(100_000))));
    }

    @Test
    void missingExtraOrMisshapenTensorsAreNamed() throws Exception {
        assertEquals(
                "the architecture has tensor 'fc.b' (10,), which the file does not hold",
                refused(file(Map.of("fc.W", Tensor.zeros(784, 10)), mlp(10))));
        Map<String, Tensor> extra = new LinkedHashMap<>();
        extra.put("fc.W", Tensor.zeros(784, 10));
        extra.put("fc.b", Tensor.zeros(10));
        extra.put("fc.gamma", Tensor.zeros(10));
        assertEquals("tensor 'fc.gamma' is not part of the architecture", refused(file(extra, mlp(10))));
    }

    @Test
    void metadataThatIsNotAGraphIsNamed() throws Exception {
        Path old = dir.resolve("old.safetensors");
        SafeTensors.save(old, Map.of("W1", Tensor.zeros(2, 2)), Map.of("format", "bricknet-model-1", "model", "mlp"));
        assertEquals(
                "__metadata__ does not describe a graph: format is 'bricknet-model-1', expected 'bricknet-graph-1' (a"
                        + " model saved with its architecture)",
                refused(old));
        Path f = file(Map.of("fc.W", Tensor.zeros(784, 10)), mlp(10).replace("Affine", "Afine"));
        BadFileException e = assertThrows(BadFileException.class, () -> ModelFiles.loadGraph(f));
        assertTrue(
                e.getMessage()
                        .startsWith(f + ": __metadata__ 'architecture': node 'fc' (Afine), unknown brick type 'Afine'"
                                + " (did you mean 'Affine'?)"),
                e.getMessage());
        String twoInputs = "{\"inputs\": [{\"name\": \"a\", \"shape\": [2]}, {\"name\": \"b\", \"shape\": [2]}],"
                + " \"nodes\": [{\"name\": \"s\", \"type\": \"Add\", \"takes\": [\"a\", \"b\"]}], \"outputs\": [\"s\"]}";
        assertEquals(
                "the architecture has inputs [a, b] and targets []; a network takes one input and one name of targets",
                refused(file(Map.of(), twoInputs)));
    }

    @Test
    void theArchitectureOfASavedGraphIsTheGraphs() throws Exception {
        Network net = trainedResidualMlp();
        Path file = dir.resolve("res.safetensors");
        ModelFiles.saveGraph(file, net);
        assertEquals(
                Architecture.of(net.graph()).toJson(),
                ModelFiles.read(file).metadata().get("architecture"));
        assertTrue(ModelFiles.holdsGraph(ModelFiles.read(file).metadata()));
    }

    @Test
    void aChainOfLayersHasNoArchitectureToSave() {
        Network chain = new Network()
                .add("Affine1", new Affine(4, 3, WeightInit.he(), new Random(1)))
                .withLoss(new SoftmaxWithLoss());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ModelFiles.saveGraph(dir.resolve("chain.safetensors"), chain));
        assertEquals(
                "ModelFiles.saveGraph needs a network over a graph of registered bricks whose inputs have shapes (new"
                        + " Network(graph)); Architecture: input 'x' has no example shape, which an architecture"
                        + " needs; declare it, e.g. input(\"x\", 784)",
                e.getMessage());
    }
}

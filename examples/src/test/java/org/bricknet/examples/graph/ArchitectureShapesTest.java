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
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.BrickRegistry;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an architecture tells before it is built (its outputs' shapes, the values an example takes
 * at its nodes, its suggested schedule), and a graph model file read in the two steps the command
 * line takes: the architecture, then the network; values that are not finite refused both ways.
 */
class ArchitectureShapesTest {
    @TempDir
    Path dir;

    @Test
    void theOutputsShapesAndTheValuesOfOneExampleAreKnownBeforeBuilding() throws Exception {
        Architecture residual = Architecture.read(Path.of("architectures/residual-mlp.json"));
        assertEquals(List.of("scores"), List.copyOf(residual.outputShapes().keySet()));
        assertArrayEquals(new int[] {10}, residual.outputShapes().get("scores"));
        // x 784, drop0 784, fc0 256, each residual block fc1, bn, relu, fc2, add: 5 × 256, bn, relu, drop: 3 × 256,
        // scores 10
        assertEquals(784 + 784 + 256 + 2 * 5 * 256 + 3 * 256 + 10, residual.exampleValues());
        Architecture cnn = Architecture.read(Path.of("architectures/branching-cnn.json"));
        // image 784; conv3, conv5 16 × 28 × 28 each; both, tanh1 32 × 28 × 28; pool 32 × 14 × 14; conv, tanh2
        // 32 × 14 × 14; pool2 32 × 7 × 7; fc, tanh3 100; scores 10
        assertEquals(784 + 2 * 16 * 784 + 2 * 32 * 784 + 3 * 32 * 196 + 32 * 49 + 2 * 100 + 10, cnn.exampleValues());
    }

    @Test
    void theTrainingSectionKeepsItsScheduleAsText() throws Exception {
        String text = Architecture.read(Path.of("architectures/residual-mlp.json"))
                .toJson()
                .replaceFirst("\"training\": \\{.*}", "\"training\": {\"epochs\": 5, \"schedule\": \"cosine:5\"}");
        Architecture a = Architecture.parse(text, "a.json");
        assertEquals(
                new Architecture.Training(5, null, null, null, null, "cosine:5"),
                a.training().orElseThrow());
        assertEquals(text, a.toJson());
        BadFileException blank =
                assertThrows(BadFileException.class, () -> Architecture.parse(text.replace("cosine:5", " "), "a.json"));
        assertEquals(
                "a.json: training, field 'schedule': expected a schedule such as \"step:30:0.1\", got \" \"",
                blank.getMessage());
        BadFileException number = assertThrows(
                BadFileException.class, () -> Architecture.parse(text.replace("\"cosine:5\"", "5"), "a.json"));
        assertEquals(
                "a.json: training, field 'schedule': expected a schedule such as \"step:30:0.1\", got 5",
                number.getMessage());
    }

    @Test
    void aModelFileIsReadAsItsArchitectureThenItsNetwork() throws Exception {
        Architecture a = Architecture.read(Path.of("architectures/residual-mlp.json"));
        Network net = new Network(a.build(new Random(4)));
        Path file = dir.resolve("m.safetensors");
        ModelFiles.saveGraph(file, net);
        SafeTensors.Contents c = ModelFiles.read(file);
        Architecture read = ModelFiles.architecture(c, "m.safetensors", BrickRegistry.standard());
        assertEquals(
                a.withTraining(null).stateShapes().keySet(), read.stateShapes().keySet());
        Network loaded = ModelFiles.loadGraph(read, c, "m.safetensors");
        net.state()
                .forEach((k, v) ->
                        assertArrayEquals(v.data(), loaded.state().get(k).data(), k));

        Map<String, Tensor> fewer = new LinkedHashMap<>(c.tensors());
        fewer.remove("scores.b");
        BadFileException missing = assertThrows(
                BadFileException.class, () -> ModelFiles.requireState(read, fewer, "cp/checkpoint.safetensors"));
        assertEquals(
                "cp/checkpoint.safetensors: the architecture has tensor 'scores.b' (10,), which the file does not hold",
                missing.getMessage());
    }

    @Test
    void valuesThatAreNotFiniteAreNeitherSavedNorLoaded() throws Exception {
        Architecture a = Architecture.read(Path.of("architectures/residual-mlp.json"));
        Network net = new Network(a.build(new Random(4)));
        Path file = dir.resolve("m.safetensors");
        ModelFiles.saveGraph(file, net);
        net.parameters().get("fc0.b").value().data()[3] = Double.NaN;
        Path bad = dir.resolve("bad.safetensors");
        IllegalArgumentException saving =
                assertThrows(IllegalArgumentException.class, () -> ModelFiles.saveGraph(bad, net));
        assertEquals("not saving " + bad + ": the model's fc0.b holds NaN at element 3", saving.getMessage());
        assertTrue(!bad.toFile().exists());

        SafeTensors.Contents c = ModelFiles.read(file);
        Map<String, Tensor> tensors = new LinkedHashMap<>(c.tensors());
        tensors.get("scores.W").data()[1] = Double.POSITIVE_INFINITY;
        SafeTensors.save(bad, tensors, c.metadata());
        BadFileException loading = assertThrows(BadFileException.class, () -> ModelFiles.loadGraph(bad));
        assertEquals(
                bad + ": tensor scores.W holds Infinity at element 1; a model holds finite numbers only",
                loading.getMessage());
    }
}

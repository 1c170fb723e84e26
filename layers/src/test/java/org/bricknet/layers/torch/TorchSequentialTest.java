package org.bricknet.layers.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.layers.Affine;
import org.bricknet.layers.LeakyRelu;
import org.bricknet.layers.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PyTorch models saved by {@code torch/models.py} (an MLP in float32 and float64, an MLP with
 * BatchNorm1d, Sigmoid, Dropout and Tanh, and two small CNNs with Conv2d, BatchNorm2d, MaxPool2d and
 * Flatten), loaded from their safetensors {@code state_dict}s with the architecture the fixture
 * names: bricknet's outputs match PyTorch's to a relative 1e-12. Then the way back (bricknet's
 * {@code state_dict} has PyTorch's names, layouts and values) and the errors a wrong file or
 * architecture gets.
 */
class TorchSequentialTest {
    private static final JsonNode MODELS = Reference.read("torch/models.json");

    @TempDir
    Path dir;

    static Stream<JsonNode> models() {
        return Reference.cases(MODELS).stream();
    }

    private static Path file(String name) throws Exception {
        return Path.of(TorchSequentialTest.class
                .getResource("/org/bricknet/layers/torch/" + name)
                .toURI());
    }

    private static List<TorchModule> modules(JsonNode list) {
        List<TorchModule> out = new ArrayList<>();
        for (JsonNode m : list) {
            out.add(
                    switch (m.get("kind").asText()) {
                        case "LINEAR" -> TorchModule.linear();
                        case "CONV2D" ->
                            TorchModule.conv2d(
                                    m.get("stride").asInt(), m.get("padding").asInt());
                        case "MAX_POOL_2D" ->
                            TorchModule.maxPool2d(
                                    m.get("kernel").asInt(),
                                    m.get("stride").asInt(),
                                    m.get("padding").asInt());
                        case "BATCH_NORM_1D" ->
                            TorchModule.batchNorm1d(
                                    m.get("eps").asDouble(), m.get("momentum").asDouble());
                        case "BATCH_NORM_2D" ->
                            TorchModule.batchNorm2d(
                                    m.get("eps").asDouble(), m.get("momentum").asDouble());
                        case "DROPOUT" -> TorchModule.dropout(m.get("p").asDouble());
                        case "RELU" -> TorchModule.relu();
                        case "SIGMOID" -> TorchModule.sigmoid();
                        case "TANH" -> TorchModule.tanh();
                        case "FLATTEN" -> TorchModule.flatten();
                        default -> throw new IllegalArgumentException(m.toString());
                    });
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void outputsMatchPyTorchs(JsonNode c) throws Exception {
        Network net = TorchSequential.load(file(c.get("file").asText()), modules(c.get("modules")), new Random(1));
        Tensor y = net.predict(Reference.tensor(c.get("x"), Reference.ints(c.get("input_shape"))));
        assertArrayEquals(Reference.ints(c.get("output_shape")), y.shape());
        Reference.assertClose(
                c.get("y"),
                y.data(),
                c.get("name").asText() + " (" + c.get("source").asText() + ")");
    }

    @Test
    void theMlpsArchitectureIsReadFromItsTensors() throws Exception {
        Map<String, Tensor> state =
                SafeTensors.load(file("mlp_f32.safetensors")).tensors();
        List<TorchModule> mlp = TorchSequential.mlp(state, "mlp_f32.safetensors");
        assertEquals("[Linear(), ReLU(), Linear(), ReLU(), Linear()]", mlp.toString());
        Network net = TorchSequential.build(state, mlp, new Random(1), "mlp_f32.safetensors");
        assertEquals(
                List.of("Affine0", "Relu1", "Affine2", "Relu3", "Affine4"),
                List.copyOf(net.layers().keySet()));
        assertEquals(
                List.of("W0", "b0", "W2", "b2", "W4", "b4"),
                List.copyOf(net.parameters().keySet()));
        // Linear stores (out, in); Affine's W is (in, out)
        assertArrayEquals(new int[] {6, 5}, net.parameters().get("W0").value().shape());
        assertEquals(
                state.get("0.weight").get(1, 2),
                net.parameters().get("W0").value().get(2, 1),
                0.0);
        assertEquals(
                "nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 3))",
                TorchSequential.describe(net));
    }

    @Test
    void theWayBackGivesPyTorchsNamesLayoutsAndValues() throws Exception {
        Network net = TorchSequential.load(
                file("mlp_f32.safetensors"),
                modules(Reference.cases(MODELS).get(0).get("modules")),
                new Random(1));
        Map<String, Tensor> exported = TorchSequential.stateDict(net);
        // the float64 copy PyTorch saved of the same model: every tensor equal, bit for bit
        Map<String, Tensor> saved =
                SafeTensors.load(file("mlp_f64.safetensors")).tensors();
        assertEquals(saved.keySet(), exported.keySet());
        saved.forEach((k, t) -> {
            assertArrayEquals(t.shape(), exported.get(k).shape(), k);
            assertArrayEquals(t.data(), exported.get(k).data(), 0.0, k);
        });
        // through a file and back: the same network computes the same outputs
        Path out = dir.resolve("export.safetensors");
        TorchSequential.save(out, net);
        Network again = TorchSequential.load(out, TorchSequential.mlp(exported, "export"), new Random(1));
        Tensor x = Tensor.randn(new Random(3), 1.0, 5, 6);
        assertArrayEquals(net.predict(x).data(), again.predict(x).data(), 0.0);
    }

    @Test
    void batchNormsTensorsGoBackUnderTheirNames() throws Exception {
        JsonNode mixed = Reference.cases(MODELS).get(2);
        Network net = TorchSequential.load(file("mlp_mixed.safetensors"), modules(mixed.get("modules")), new Random(1));
        Map<String, Tensor> saved =
                SafeTensors.load(file("mlp_mixed.safetensors")).tensors();
        Map<String, Tensor> exported = TorchSequential.stateDict(net);
        assertEquals(saved.keySet(), exported.keySet());
        saved.forEach((k, t) -> {
            if (!k.endsWith("num_batches_tracked")) {
                assertArrayEquals(t.data(), exported.get(k).data(), 0.0, k);
            }
        });
        assertEquals(
                "nn.Sequential(nn.Linear(6, 5), nn.BatchNorm1d(5, eps=1.0E-5), nn.Sigmoid(), nn.Dropout(p=0.3),"
                        + " nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3))",
                TorchSequential.describe(net));
    }

    @Test
    void aFileThatDoesNotFitTheArchitectureSaysWhere() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("0.weight", Tensor.zeros(5, 6));
        state.put("0.bias", Tensor.zeros(5));
        state.put("2.weight", Tensor.zeros(4, 7));
        List<TorchModule> mlp = List.of(TorchModule.linear(), TorchModule.relu(), TorchModule.linear());
        assertEquals(
                "m.safetensors: module 2 (Linear) takes 7 inputs, but module 0 (Linear) gives 5", refusal(state, mlp));
        state.put("2.weight", Tensor.zeros(4, 5));
        assertEquals(
                "m.safetensors: tensor '2.weight' belongs to module 2, but the architecture has 2 modules:"
                        + " [Linear(), ReLU()]",
                refusal(state, mlp.subList(0, 2)));
        assertEquals(
                "m.safetensors: tensor '2.weight' is not one of module 2 (ReLU)'s (it has none)",
                refusal(state, List.of(TorchModule.linear(), TorchModule.relu(), TorchModule.relu())));
        assertEquals(
                "m.safetensors: no tensor '0.running_mean' for module 0 (BatchNorm1d)",
                refusal(
                        Map.of("0.weight", Tensor.zeros(3), "0.bias", Tensor.zeros(3)),
                        List.of(TorchModule.batchNorm1d())));
        assertEquals(
                "m.safetensors: tensor 'fc.weight' is not named as in an nn.Sequential's state_dict (index.name,"
                        + " such as 0.weight)",
                refusal(Map.of("fc.weight", Tensor.zeros(2, 2)), mlp));
        assertEquals(
                "m.safetensors: tensor '0.bias' of module 0 (Linear) has shape (4,); expected (5,)",
                refusal(
                        Map.of("0.weight", Tensor.zeros(5, 6), "0.bias", Tensor.zeros(4)),
                        List.of(TorchModule.linear())));
        BadFileException e = assertThrows(
                BadFileException.class,
                () -> TorchSequential.mlp(Map.of("0.weight", Tensor.zeros(2, 2), "3.weight", Tensor.zeros(2, 2)), "m"));
        assertEquals(
                "m: expected Linear layers at indices 0, 2, 4, ... with a ReLU between each two, found them at [0, 3]",
                e.getMessage());
    }

    @Test
    void aLayerWithoutAPyTorchModuleIsNotExported() {
        Network net = new Network()
                .add("Affine1", new Affine(2, 2, 0.1, new Random(1)))
                .add("Leaky", new LeakyRelu(0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TorchSequential.stateDict(net));
        assertEquals(
                "TorchSequential: layer 'Leaky' (LeakyRelu) has no PyTorch module here; expected Affine,"
                        + " BatchNormalization, Relu, Sigmoid, Tanh, inverted Dropout or Flatten",
                e.getMessage());
    }

    @Test
    void theFixtureFilesAreWhatSafetensorsWrites() throws Exception {
        // 8-byte length, then a JSON header that starts with the highest dtype (I64) and is padded to 8
        byte[] bytes = Files.readAllBytes(file("cnn.safetensors"));
        long n = java.nio.ByteBuffer.wrap(bytes, 0, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
        assertEquals(0, n % 8);
        String head = "{\"1.num_batches_tracked\":{\"dtype\":\"I64\"";
        assertEquals(head, new String(bytes, 8, head.length(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String refusal(Map<String, Tensor> state, List<TorchModule> modules) {
        return assertThrows(
                        BadFileException.class,
                        () -> TorchSequential.build(state, modules, new Random(1), "m.safetensors"))
                .getMessage();
    }
}

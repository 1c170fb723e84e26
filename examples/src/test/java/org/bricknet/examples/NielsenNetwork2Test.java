package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.Mnist;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * network2.py's conventions, held against network2.py itself: one update_mini_batch and its
 * total_cost (fixtures network2-*.json, made by src/test/python/network2_fixture.py with his code),
 * his JSON files both ways, and the monitor printout.
 */
class NielsenNetwork2Test {
    private static final Path RESOURCES = Path.of("src/test/resources/org/bricknet/examples");

    @TempDir
    Path dir;

    private static Dataset batch() throws IOException {
        JsonNode step = new ObjectMapper()
                .readTree(RESOURCES.resolve("network2-step.json").toFile());
        int n = step.get("labels").size();
        Tensor x = Tensor.zeros(n, 5);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = step.get("labels").get(i).asInt();
            for (int j = 0; j < 5; j++) {
                x.set(step.get("inputs").get(i).get(j).asDouble(), i, j);
            }
        }
        return new Dataset(x, labels, 3);
    }

    @Test
    void oneStepIsNielsensUpdateMiniBatch() throws IOException {
        NielsenNetwork2 net = NielsenNetwork2.load(RESOURCES.resolve("network2-before.json"));
        NielsenNetwork2 after = NielsenNetwork2.load(RESOURCES.resolve("network2-after.json"));
        Dataset b = batch();
        // his total_cost(data, λ = 5) before the step, the λ term over len(data) = 3
        assertEquals(7.246073523721742, net.totalCost(b, 5.0), 1e-12);
        // his step with η = 0.5, λ = 5, n = 50: SGD on the cost plus ½·(λ/n)·Σw²
        net.withWeightDecay(5.0 / 50);
        net.backprop(b.inputs(), b.targets());
        new Sgd(0.5).step(net.parameters());
        net.parameters()
                .forEach((k, p) -> assertArrayEquals(
                        after.parameters().get(k).value().data(), p.value().data(), 1e-14, k));
    }

    @Test
    void theCrossEntropyNetworkHasNoLastSigmoidLayerAndPassesTheGradientCheck() {
        NielsenNetwork2 ce = new NielsenNetwork2(new Random(1), 4, 3, 2);
        assertEquals(
                List.of("Affine1", "Sigmoid1", "Affine2"),
                List.copyOf(ce.layers().keySet()));
        NielsenNetwork2 quadratic =
                new NielsenNetwork2(NielsenNetwork2.Cost.QUADRATIC, NielsenNetwork2.Init.LARGE, new Random(1), 4, 3, 2);
        assertEquals(
                List.of("Affine1", "Sigmoid1", "Affine2", "Sigmoid2"),
                List.copyOf(quadratic.layers().keySet()));
        Tensor x = Tensor.uniform(new Random(2), 0, 1, 5, 4);
        Tensor t = Tensor.vector(0, 1, 1, 0, 1);
        GradientCheck.assertNetwork(ce.withWeightDecay(0.1), x, t);
        GradientCheck.assertNetwork(quadratic, x, t);
    }

    @Test
    void theDefaultInitialisationHasStandardDeviationOneOverRootFanIn() {
        NielsenNetwork2 net = new NielsenNetwork2(new Random(3), 400, 300, 10);
        Tensor w = net.parameters().get("W1").value();
        double std = Math.sqrt(w.multiply(w).mean());
        assertEquals(1 / Math.sqrt(400), std, 0.002);
        Tensor b = net.parameters().get("b1").value();
        assertEquals(1.0, Math.sqrt(b.multiply(b).mean()), 0.15);
    }

    @Test
    void savedFilesReadBackAndBadOnesAreOneLineErrors() throws IOException {
        NielsenNetwork2 net = new NielsenNetwork2(new Random(4), 6, 5, 3);
        Path f = dir.resolve("net.json");
        net.save(f);
        NielsenNetwork2 back = NielsenNetwork2.load(f);
        assertArrayEquals(net.sizes(), back.sizes());
        net.parameters()
                .forEach((k, p) -> assertArrayEquals(
                        p.value().data(), back.parameters().get(k).value().data(), k));
        assertTrue(Files.readString(f).contains("\"cost\":\"CrossEntropyCost\""));

        Files.writeString(
                f,
                "{\"sizes\": [2, 2], \"weights\": [[[1, 2], [3]]], \"biases\": [[[0], [0]]],"
                        + " \"cost\": \"CrossEntropyCost\"}");
        assertEquals(
                f + ": 'weights'[0][1] must have 2 numbers, as 'sizes' says",
                assertThrows(BadFileException.class, () -> NielsenNetwork2.load(f))
                        .getMessage());
        Files.writeString(f, "{\"sizes\": [2, 2], \"weights\": [], \"biases\": [], \"cost\": \"LogCost\"}");
        assertEquals(
                f + ": 'cost' is \"LogCost\"; expected \"CrossEntropyCost\" or \"QuadraticCost\"",
                assertThrows(BadFileException.class, () -> NielsenNetwork2.load(f))
                        .getMessage());
        Files.writeString(f, "{\"sizes\": [2, 100000], \"weights\": [], \"biases\": [], \"cost\": \"QuadraticCost\"}");
        assertEquals(
                f + ": 'sizes'[1] is 100000; expected a whole number in [1, 65536]",
                assertThrows(BadFileException.class, () -> NielsenNetwork2.load(f))
                        .getMessage());
        Files.writeString(f, "{\"sizes\": [2, 2");
        assertTrue(assertThrows(BadFileException.class, () -> NielsenNetwork2.load(f))
                .getMessage()
                .startsWith(f + ": is not valid JSON ("));
    }

    @Test
    @Tag("slow")
    void sgdPrintsTheMonitorsInNielsensWords() {
        Mnist.Split digits = Datasets.mnist10k();
        Dataset train = digits.train().slice(0, 1000);
        Dataset test = digits.test().slice(0, 300);
        NielsenNetwork2 net = new NielsenNetwork2(new Random(7), 784, 30, 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NielsenNetwork2.Monitor m = net.sgd(
                train,
                2,
                10,
                0.5,
                5.0,
                test,
                true,
                true,
                true,
                true,
                new Random(7),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals("Epoch 0 training complete", lines[0]);
        assertEquals("Cost on training data: " + m.trainingCost()[0], lines[1]);
        assertEquals("Accuracy on training data: " + m.trainingAccuracy()[0] + " / 1000", lines[2]);
        assertEquals("Cost on evaluation data: " + m.evaluationCost()[0], lines[3]);
        assertEquals("Accuracy on evaluation data: " + m.evaluationAccuracy()[0] + " / 300", lines[4]);
        assertEquals("", lines[5]);
        assertEquals("Epoch 1 training complete", lines[6]);
        // the printed costs are his total_cost, the decay term over each set's own size
        assertEquals(net.totalCost(train, 5.0), m.trainingCost()[1], 1e-9);
        assertEquals(net.totalCost(test, 5.0), m.evaluationCost()[1], 1e-9);
        assertTrue(m.evaluationAccuracy()[1] > 200, "two epochs on 1,000 digits: " + m.evaluationAccuracy()[1]);
        assertEquals(
                "NielsenNetwork2.sgd: monitoring the evaluation data needs evaluation data, got none",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> net.sgd(
                                        train,
                                        1,
                                        10,
                                        0.5,
                                        0,
                                        null,
                                        false,
                                        true,
                                        false,
                                        false,
                                        new Random(1),
                                        System.out))
                        .getMessage());
    }
}

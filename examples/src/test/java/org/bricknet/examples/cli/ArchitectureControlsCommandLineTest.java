package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.ArchitectureCommandLineTest.line;
import static org.bricknet.examples.cli.ArchitectureCommandLineTest.refused;
import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.inspect.Trace;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.examples.Datasets;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.EpochStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An architecture with {@code train}'s controls and outputs ({@code --validation}, {@code --clip},
 * {@code --schedule} over the file's schedule, the pictures and the history) and under
 * {@code trace}, fresh or trained.
 */
class ArchitectureControlsCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void traceTakesAnArchitectureOrAGraphModelFile() throws Exception {
        Path file = Architectures.write(dir, "mlp.json", Architectures.mlp("\"epochs\": 1"));
        CommandLineTest.Run r = run("trace", "--architecture", file.toString(), "--batch", "5");
        assertEquals(0, r.code(), r.err());
        Dataset five = Datasets.mnist10kTrain().slice(0, 5);
        Trace t = Trace.of(GraphModel.read(file).network(new Random(42)), five.inputs(), five.targets(), false);
        assertTrue(r.out().startsWith("trace of " + file + " (784 → 10), fresh (seed 42)"), r.out());
        assertTrue(r.out().contains(t.toString()), r.out());

        Path model = dir.resolve("mlp.safetensors");
        assertEquals(
                0,
                run("train", "--architecture", file.toString(), "--save", model.toString())
                        .code());
        CommandLineTest.Run tr = run("trace", "--trained", model.toString(), "--batch", "5");
        assertEquals(0, tr.code(), tr.err());
        Trace saved = Trace.of(ModelFiles.loadGraph(model), five.inputs(), five.targets(), false);
        assertTrue(tr.out().contains(saved.toString()), tr.out());

        refused(
                run("trace", "--architecture", file.toString(), "--model", "cnn"),
                2,
                "bricknet: --model does not apply to --architecture, whose file says the model");
    }

    @Test
    void aGraphTakesTrainsControlsAndOutputs() throws Exception {
        Path file = Architectures.write(
                dir,
                "mlp.json",
                Architectures.mlp("\"epochs\": 4, \"batch_size\": 200, \"optimizer\": \"sgd\", \"learning_rate\": 0.1,"
                        + " \"schedule\": \"plateau:validation-loss:0.5:1\""));
        Path history = dir.resolve("history.csv");
        Path activations = dir.resolve("activations.png");
        Path gradients = dir.resolve("gradients.png");
        Path weights = dir.resolve("weights.png");
        CommandLineTest.Run r = run(
                "train",
                "--architecture",
                file.toString(),
                "--validation",
                "0.25",
                "--clip",
                "norm:5",
                "--history",
                history.toString(),
                "--plot-activations",
                activations.toString(),
                "--plot-gradients",
                gradients.toString(),
                "--plot-weights",
                weights.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out()
                        .contains("the last 2000 of 8000 training examples held out for validation; learning rate"
                                + " schedule plateau:validation-loss:0.5:1; clip"),
                r.out());
        assertEquals(5, Files.readAllLines(history).size(), "a header and 4 epochs");
        for (Path p : new Path[] {activations, gradients, weights}) {
            assertTrue(Files.size(p) > 1000, p.toString());
        }
        // without --validation the file's plateau schedule has nothing to watch
        refused(
                run("train", "--architecture", file.toString()),
                1,
                "bricknet: " + file + ": training, field 'schedule' (plateau:validation-loss:0.5:1): it watches the"
                        + " validation loss, but no data is held out for validation; add --validation 0.1 (the last"
                        + " tenth of the training set)");
    }

    @Test
    void theFilesScheduleSetsEachEpochsRateAndTheCheckpointCarriesTheArchitecture() throws Exception {
        Path file = Architectures.write(
                dir,
                "mlp.json",
                Architectures.mlp("\"epochs\": 3, \"batch_size\": 400, \"optimizer\": \"sgd\", \"learning_rate\": 0.1,"
                        + " \"schedule\": \"step:1:0.5\""));
        Path cp = dir.resolve("cp");
        Files.createDirectory(cp);
        CommandLineTest.Run r = run("train", "--architecture", file.toString(), "--checkpoint", cp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(line(r.out(), "training ").endsWith("sgd lr 0.1, seed 42"), r.out());
        assertTrue(r.out().contains("learning rate schedule step:1:0.5\n"), r.out());
        Checkpoint c = Checkpoint.load(cp);
        assertArrayEquals(
                new double[] {0.1, 0.05, 0.025},
                c.history().epochs().stream()
                        .mapToDouble(EpochStats::learningRate)
                        .toArray());
        String recorded = c.extra().get("architecture");
        assertTrue(
                recorded.contains("\"training\": {\"epochs\": 3, \"batch_size\": 400, \"optimizer\": \"sgd\","
                        + " \"learning_rate\": 0.1, \"schedule\": \"step:1:0.5\"}"),
                recorded);
        assertEquals(file.toString(), c.extra().get("architecture_name"));
        assertEquals("step:1:0.5", c.extra().get("control_schedule"));

        // --schedule replaces the file's, and is what the checkpoint records
        Path cp2 = dir.resolve("cp2");
        Files.createDirectory(cp2);
        CommandLineTest.Run over = run(
                "train", "--architecture", file.toString(), "--schedule", "exp:0.9", "--checkpoint", cp2.toString());
        assertEquals(0, over.code(), over.err());
        assertTrue(over.out().contains("learning rate schedule exp:0.9\n"), over.out());
        Checkpoint c2 = Checkpoint.load(cp2);
        double[] rates = c2.history().epochs().stream()
                .mapToDouble(EpochStats::learningRate)
                .toArray();
        assertArrayEquals(new double[] {0.1, 0.1 * 0.9, 0.1 * 0.9 * 0.9}, rates, 1e-15);
        assertEquals("exp:0.9", c2.extra().get("control_schedule"));
    }
}

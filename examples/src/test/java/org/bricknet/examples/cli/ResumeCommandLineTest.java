package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.optim.training.Checkpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train --checkpoint} and {@code train --resume}: exact, and refusing what does not fit. */
@Tag("slow")
class ResumeCommandLineTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CommandLineTest.Run r, String expected) {
        assertTrue(r.code() != 0, "exit code " + r.code() + "\n" + r.out());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    private static String[] args(String... more) {
        String[] base = {"train", "--hidden", "10", "--seed", "5", "--batch-size", "200"};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static java.util.List<String> epochLines(String out) {
        // "Epoch 3: 1790 / 2000, loss ..., test accuracy ..., 0.21 s": all but the time
        return out.lines()
                .filter(l -> l.startsWith("Epoch "))
                .map(l -> l.substring(0, l.lastIndexOf(',')))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "momentum --model mlp --batch-norm", "adam --model mlp --dropout 0.2"})
    void aRunStoppedAndResumedSavesTheSameModelBitForBit(String options) throws Exception {
        String optimizer = options.split(" ")[0];
        String[] model = options.contains(" ")
                ? options.substring(options.indexOf(' ') + 1).split(" ")
                : new String[0];
        Path whole = dir.resolve("whole.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");
        Path cp = dir.resolve("cp");
        CommandLineTest.Run a =
                run(args(concat(model, "--optimizer", optimizer, "--epochs", "3", "--save", whole.toString())));
        assertEquals(0, a.code(), a.err());
        CommandLineTest.Run b1 =
                run(args(concat(model, "--optimizer", optimizer, "--epochs", "1", "--checkpoint", cp.toString())));
        assertEquals(0, b1.code(), b1.err());
        assertEquals(1, Checkpoint.load(cp).epoch());
        CommandLineTest.Run b2 = run("train", "--resume", cp.toString(), "--epochs", "3", "--save", resumed.toString());
        assertEquals(0, b2.code(), b2.err());
        assertTrue(b2.out().contains("resuming after epoch 1 of 3 from " + Checkpoint.file(cp)), b2.out());

        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed), "the saved models differ");
        assertEquals(epochLines(a.out()), epochLines(b1.out() + b2.out()));
        Checkpoint last = Checkpoint.load(cp);
        assertEquals(3, last.epoch());
        assertEquals(optimizer, last.optimizer());
        assertEquals(model.length == 0 ? "two-layer" : "mlp", last.extra().get("model"));
        assertEquals("10", last.extra().get("hidden"));
    }

    @Test
    void resumingRefusesDisagreeingOptionsAndDamagedCheckpoints() throws Exception {
        Path cp = dir.resolve("cp");
        assertEquals(
                0, run(args("--epochs", "1", "--checkpoint", cp.toString())).code());
        assertOneLineError(
                run("train", "--resume", cp.toString(), "--lr", "0.5"),
                "--lr 0.5 disagrees with the checkpoint in " + cp + " (0.1); leave it out when resuming");
        assertOneLineError(
                run("train", "--resume", cp.toString(), "--hidden", "11"),
                "--hidden: the model comes from the checkpoint in " + cp
                        + " (two-layer 784,10,10); leave it out when resuming");
        assertEquals(
                0,
                run("train", "--resume", cp.toString(), "--lr", "0.1", "--seed", "5", "--epochs", "1")
                        .code(),
                "options that agree with the checkpoint are accepted");
        assertOneLineError(
                run("train", "--resume", dir.resolve("none").toString()), "none/checkpoint.safetensors: no such file");

        Path file = Checkpoint.file(cp);
        SafeTensors.Contents c = SafeTensors.load(file);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("hidden", "65536");
        SafeTensors.save(file, c.tensors(), meta);
        assertOneLineError(
                run("train", "--resume", cp.toString()),
                "with at least 52035584 parameter values, but the file holds 7960");
        meta.put("hidden", "10");
        Map<String, org.bricknet.core.Tensor> fewer = new LinkedHashMap<>(c.tensors());
        fewer.remove("network/W1");
        fewer.put("network/W1", org.bricknet.core.Tensor.zeros(10, 784));
        SafeTensors.save(file, fewer, meta);
        assertOneLineError(
                run("train", "--resume", cp.toString()),
                "tensor 'W1' has shape (10, 784) but the model's has (784, 10)");
        SafeTensors.save(file, c.tensors(), meta);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLineError(run("train", "--resume", cp.toString()), file + ": ");
    }

    @Test
    void aDivergingRunStopsNamingTheEpochAndIterationAndSavesTheLastGoodParameters() throws Exception {
        Path model = dir.resolve("last-good.safetensors");
        CommandLineTest.Run r = run(args("--epochs", "2", "--lr", "1e300", "--save", model.toString()));
        assertOneLineError(r, "Training diverged in epoch 1 at iteration ");
        assertTrue(r.out().contains("saved the last good parameters to " + model), r.out());
        SafeTensors.Contents saved = SafeTensors.load(model);
        saved.tensors().forEach((k, t) -> assertTrue(Arrays.stream(t.data()).allMatch(Double::isFinite), k));
        CommandLineTest.Run eval = run("evaluate", "--model", model.toString());
        assertEquals(0, eval.code(), eval.err());
    }

    @Test
    void aModelFileClaimingAHugeNetworkIsRefusedBeforeBuildingIt() throws Exception {
        Path f = dir.resolve("bomb.safetensors");
        Map<String, String> meta = new LinkedHashMap<>(
                ModelSpec.of(ModelSpec.Kind.MLP, new int[] {784}, new int[] {65536, 65536, 65536}, 10)
                        .metadata());
        SafeTensors.save(f, Map.of("W1", org.bricknet.core.Tensor.zeros(2, 2)), meta);
        assertOneLineError(
                run("evaluate", "--model", f.toString()),
                "with at least 8641970176 parameter values, but the file holds 4");
    }
}

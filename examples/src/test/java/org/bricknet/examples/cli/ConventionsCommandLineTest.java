package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.examples.TwoLayerNet;
import org.bricknet.layers.torch.TorchSequential;
import org.bricknet.optim.training.Checkpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer's hyperparameter options of {@code train} and {@code --from-torch} of
 * {@code evaluate} and {@code predict}: what they do, how a checkpoint keeps the hyperparameters,
 * and the one-line errors.
 */
class ConventionsCommandLineTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CommandLineTest.Run r, String expected) {
        assertTrue(r.code() != 0, "exit code " + r.code());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
    }

    @Test
    void anOptionTheOptimizerDoesNotTakeIsAUsageError() {
        CommandLineTest.Run r = run("train", "--optimizer", "sgd", "--betas", "0.8,0.99");
        assertEquals(2, r.code());
        assertOneLineError(r, "bricknet: --betas applies to adam and adamw, not to --optimizer sgd");
        assertOneLineError(
                run("train", "--optimizer", "adam", "--betas", "0.8"),
                "--betas expects two numbers as B1,B2, got '0.8'");
        assertOneLineError(
                run("train", "--optimizer", "adam", "--betas", "1.5,0.9"),
                "--optimizer: adam: expected a beta1 in [0, 1), got 1.5");
        assertOneLineError(
                run("train", "--optimizer", "adam", "--optimizer-convention", "keras"),
                "--optimizer: adam: hyperparameter convention 'keras': expected a convention book|pytorch, got 'keras'");
        assertOneLineError(
                run("train", "--optimizer", "lbfgs", "--eps", "1e-8"),
                "--optimizer lbfgs takes no --optimizer-convention, --momentum, --decay-rate, --betas, --eps or"
                        + " --adamw-decay");
    }

    @Test
    @Tag("slow")
    void aCheckpointKeepsTheHyperparametersAndResumingUsesThem() throws Exception {
        String[] base = {"train", "--hidden", "10", "--seed", "5", "--batch-size", "400", "--optimizer", "adam"};
        Path whole = dir.resolve("whole.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");
        Path cp = dir.resolve("cp");
        String[] pytorch = {"--optimizer-convention", "pytorch", "--betas", "0.8,0.99", "--eps", "1e-6"};
        assertEquals(
                0,
                run(concat(concat(base, pytorch), "--epochs", "2", "--save", whole.toString()))
                        .code());
        assertEquals(
                0,
                run(concat(concat(base, pytorch), "--epochs", "1", "--checkpoint", cp.toString()))
                        .code());
        Map<String, String> extra = Checkpoint.load(cp).extra();
        assertEquals("pytorch", extra.get("optimizer_convention"));
        assertEquals("0.8", extra.get("optimizer_beta1"));
        assertEquals("1.0E-6", extra.get("optimizer_eps"));
        assertOneLineError(
                run("train", "--resume", cp.toString(), "--eps", "1e-3"),
                "the optimizer's eps 0.001 disagrees with the checkpoint's (1.0E-6); leave it out when resuming");
        CommandLineTest.Run r = run("train", "--resume", cp.toString(), "--epochs", "2", "--save", resumed.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed), "resumed with the same optimizer");
    }

    @Test
    @Tag("slow")
    void evaluateFromTorchReadsAPyTorchMlpAndAgreesWithTheSameNetworkSavedByBricknet() throws Exception {
        Network net = new TwoLayerNet(784, 30, 10, new Random(3));
        Path own = dir.resolve("own.safetensors");
        Path torch = dir.resolve("torch.safetensors");
        ModelFiles.save(
                own,
                net,
                ModelSpec.of(ModelSpec.Kind.TWO_LAYER, new int[] {784}, new int[] {30}, 10)
                        .metadata());
        TorchSequential.save(torch, net);
        CommandLineTest.Run a = run("evaluate", "--model", own.toString());
        CommandLineTest.Run b = run("evaluate", "--model", torch.toString(), "--from-torch");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains(": mlp 784,30,10, test set"), b.out());
        String accuracy = a.out()
                .lines()
                .filter(l -> l.startsWith("accuracy"))
                .findFirst()
                .orElseThrow();
        assertTrue(b.out().contains(accuracy), accuracy + " in\n" + b.out());
        CommandLineTest.Run p = run("predict", "--model", torch.toString(), "--from-torch", "--index", "3");
        assertEquals(0, p.code(), p.err());
        assertEquals(
                run("predict", "--model", own.toString(), "--index", "3").out(), p.out(), "the same probabilities");
        assertOneLineError(
                run("evaluate", "--model", torch.toString()),
                "torch.safetensors: holds a PyTorch state_dict (0.weight, ...), not a bricknet model; add --from-torch");
    }

    @Test
    void aFileThatIsNotAnMlpIsRefusedWithTheReason() throws Exception {
        Path file = dir.resolve("gap.safetensors");
        org.bricknet.core.io.SafeTensors.save(
                file,
                Map.of(
                        "0.weight",
                        org.bricknet.core.Tensor.zeros(3, 784),
                        "3.weight",
                        org.bricknet.core.Tensor.zeros(10, 3)),
                Map.of());
        assertOneLineError(
                run("evaluate", "--model", file.toString(), "--from-torch"),
                "gap.safetensors: expected Linear layers at indices 0, 2, 4, ... with a ReLU between each two,"
                        + " found them at [0, 3]");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

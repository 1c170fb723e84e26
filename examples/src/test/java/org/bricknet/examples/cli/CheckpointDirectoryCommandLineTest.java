package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.CheckpointDirectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint directory belongs to one run, and a checkpoint is resumed only where it can be: on
 * its own data, towards more epochs than it has done, with finite values and a possible optimizer
 * state. Each refusal is one line that says the way out.
 */
@Tag("slow")
class CheckpointDirectoryCommandLineTest {
    @TempDir
    Path dir;

    private static void refused(CommandLineTest.Run r, String expected) {
        assertTrue(r.code() != 0, "exit code " + r.code() + "\n" + r.out());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.out().contains("Epoch"), "refused only after training:\n" + r.out());
    }

    private CommandLineTest.Run train(Path cp, String... more) {
        String[] base = {"train", "--hidden", "10", "--batch-size", "200", "--seed", "5", "--checkpoint", cp.toString()
        };
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return run(all);
    }

    @Test
    void aFreshRunIsRefusedAnotherRunsDirectoryAndASecondRunAtOnceIsRefusedByTheLock() throws Exception {
        Path cp = dir.resolve("cp");
        assertEquals(0, train(cp, "--epochs", "2").code());
        byte[] first = Files.readAllBytes(Checkpoint.file(cp));
        refused(
                train(cp, "--epochs", "3", "--lr", "0.05"),
                "--checkpoint " + cp + ": holds the checkpoint of another run (after epoch 2 of 2); continue that run"
                        + " with --resume " + cp + ", or give --checkpoint another directory");
        assertArrayEquals(first, Files.readAllBytes(Checkpoint.file(cp)), "the other run's checkpoint is kept");

        Path busy = dir.resolve("busy");
        try (CheckpointDirectory other = CheckpointDirectory.claim(busy, null)) {
            refused(
                    train(busy, "--epochs", "1"),
                    "--checkpoint " + busy + ": another run is writing checkpoints here now (it holds checkpoint.lock);"
                            + " choose another directory");
            refused(
                    run("train", "--resume", cp.toString(), "--epochs", "3", "--checkpoint", busy.toString()),
                    "another run is writing checkpoints here now");
        }
        assertEquals(0, train(busy, "--epochs", "1").code(), "free once the other run has ended");
    }

    @Test
    void aSecondProcessIsRefusedTheDirectoryARunningProcessHolds() throws Exception {
        Path cp = dir.resolve("shared");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (Child first = Child.start(
                "256m", tmp, "train", "--epochs", "1000", "--hidden", "10", "--checkpoint", cp.toString())) {
            assertTrue(first.await(l -> l.startsWith("Epoch 1:"), 60), first.output());
            refused(
                    run("train", "--resume", cp.toString(), "--epochs", "1001"),
                    "--resume " + cp + ": another run is writing checkpoints here now (it holds checkpoint.lock);"
                            + " choose another directory");
            first.signal("TERM");
            assertEquals(143, first.exit(20), first.output());
        }
        int done = Checkpoint.load(cp).epoch();
        CommandLineTest.Run next = run("train", "--resume", cp.toString(), "--epochs", Integer.toString(done + 1));
        assertEquals(0, next.code(), "free once the first process has ended: " + next.err());
    }

    @Test
    void aCheckpointIsResumedOnlyOnItsOwnDataAndTowardsMoreEpochs() throws Exception {
        Path data = IdxDirs.write(dir.resolve("a"), 300, 20, 28, 28, 1);
        Path same = IdxDirs.write(dir.resolve("same"), 300, 20, 28, 28, 1);
        Path other = IdxDirs.write(dir.resolve("other"), 300, 20, 28, 28, 2);
        Path cp = dir.resolve("cp");
        assertEquals(0, train(cp, "--epochs", "3", "--data", data.toString()).code());
        refused(
                run("train", "--resume", cp.toString(), "--epochs", "5", "--data", other.toString()),
                Checkpoint.file(cp) + ": was trained on other data of the same size (300 examples of (1, 28, 28) bytes,"
                        + " 10 classes, crc32c ");
        refused(
                run("train", "--resume", cp.toString(), "--epochs", "2", "--data", data.toString()),
                "--epochs 2: the checkpoint in " + cp + " is after epoch 3 already; ask for 3 or more epochs in all");
        CommandLineTest.Run ok = run("train", "--resume", cp.toString(), "--epochs", "4", "--data", same.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("resuming after epoch 3 of 4"), ok.out());
    }

    /** Rewrites one value of one tensor of the checkpoint in {@code cp}. */
    private static void poke(Path cp, String tensor, int element, double value) throws Exception {
        Path file = Checkpoint.file(cp);
        SafeTensors.Contents c = SafeTensors.load(file);
        Map<String, Tensor> t = new LinkedHashMap<>(c.tensors());
        t.get(tensor).data()[element] = value;
        SafeTensors.save(file, t, c.metadata());
    }

    @Test
    void aCheckpointWithNaNWeightsOrANegativeSecondMomentIsRefusedAndNothingIsSavedAsLastGood() throws Exception {
        Path cp = dir.resolve("cp");
        assertEquals(
                0,
                train(cp, "--epochs", "1", "--optimizer", "adam", "--lr", "0.001")
                        .code());
        Path model = dir.resolve("last-good.safetensors");
        poke(cp, "network/W1", 7, Double.NaN);
        refused(
                run("train", "--resume", cp.toString(), "--epochs", "3", "--save", model.toString()),
                Checkpoint.file(cp) + ": tensor network/W1 holds NaN at element 7; a checkpoint must hold finite values"
                        + " only");
        assertFalse(Files.exists(model), "no model of NaNs saved as the last good one");
        poke(cp, "network/W1", 7, 0.01);
        poke(cp, "optimizer/W2.v", 3, -1.0);
        refused(
                run("train", "--resume", cp.toString(), "--epochs", "3"),
                "optimizer state is not one adam can hold: adam: state entry 'W2.v' holds -1.0 at element 3; expected"
                        + " a finite number >= 0 (a sum of squares)");
    }

    @Test
    void theTemporaryFileOfAKilledCheckpointWriteIsRemovedAtTheNextWrite() throws Exception {
        Path cp = dir.resolve("cp");
        assertEquals(0, train(cp, "--epochs", "1").code());
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path left = Files.write(cp.resolve(".checkpoint.safetensors." + dead.pid() + "-abc.tmp"), new byte[45 << 10]);
        assertEquals(0, run("train", "--resume", cp.toString(), "--epochs", "2").code());
        assertFalse(Files.exists(left), "removed by the next checkpoint written there");
        assertEquals(2, Checkpoint.load(cp).epoch());
    }
}

package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.bricknet.examples.cli.TrainingControlsCommandLineTest.refused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.optim.training.Checkpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume} with the training controls: a checkpoint carries them, so that a resumed
 * run ends bit for bit where the uninterrupted one does, and a run that early stopping ended has
 * nothing to continue.
 */
class TrainingControlsResumeCommandLineTest {
    @TempDir
    Path dir;

    private static String[] args(String... more) {
        String[] base = {
            "train",
            "--hidden",
            "10",
            "--seed",
            "5",
            "--batch-size",
            "200",
            "--optimizer",
            "momentum",
            "--validation",
            "0.1",
            "--schedule",
            "step:1:0.5",
            "--clip",
            "norm:1",
            "--early-stopping",
            "validation-loss:3"
        };
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    @Tag("slow")
    void aResumedRunWithItsControlsEndsBitForBitWhereTheUninterruptedOneDoes() throws Exception {
        Path whole = dir.resolve("whole.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");
        Path cp = dir.resolve("cp");
        CommandLineTest.Run a = run(args("--epochs", "4", "--save", whole.toString()));
        assertEquals(0, a.code(), a.err());
        CommandLineTest.Run b1 = run(args("--epochs", "2", "--checkpoint", cp.toString()));
        assertEquals(0, b1.code(), b1.err());
        Map<String, String> meta = Checkpoint.load(cp).extra();
        assertEquals("0.1", meta.get("control_validation"));
        assertEquals("step:1:0.5", meta.get("control_schedule"));
        assertEquals("norm:1", meta.get("control_clip"));
        assertEquals("validation-loss:3", meta.get("control_early_stopping"));
        CommandLineTest.Run b2 = run("train", "--resume", cp.toString(), "--epochs", "4", "--save", resumed.toString());
        assertEquals(0, b2.code(), b2.err());
        assertTrue(b2.out().contains("learning rate schedule step:1:0.5"), b2.out());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed), "the saved models differ");
        assertArrayEquals(
                new double[] {0.1, 0.05, 0.025, 0.0125},
                Checkpoint.load(cp).history().learningRates(),
                0.0,
                "the rates go on from the first epoch's, not from the checkpoint's");

        // the controls come from the checkpoint: the same ones are accepted, others refused
        Path cp2 = dir.resolve("cp2");
        assertEquals(
                0, run(args("--epochs", "1", "--checkpoint", cp2.toString())).code());
        assertEquals(
                0,
                run(
                                "train",
                                "--resume",
                                cp2.toString(),
                                "--epochs",
                                "2",
                                "--lr",
                                "0.1",
                                "--clip",
                                "NORM:1.0",
                                "--validation",
                                "0.10")
                        .code(),
                "options that agree with the checkpoint are accepted");
        refused(
                2,
                "--schedule step:1:0.25 disagrees with the checkpoint in " + cp2
                        + " (step:1:0.5); leave it out when resuming",
                "train",
                "--resume",
                cp2.toString(),
                "--epochs",
                "3",
                "--schedule",
                "step:1:0.25");
        refused(
                2,
                "--lr 0.05 disagrees with the checkpoint in " + cp2 + " (0.1); leave it out when resuming",
                "train",
                "--resume",
                cp2.toString(),
                "--epochs",
                "3",
                "--lr",
                "0.05");
        // a damaged record is the checkpoint's fault, not a usage error
        Path file = Checkpoint.file(cp2);
        SafeTensors.Contents c = SafeTensors.load(file);
        Map<String, String> damaged = new java.util.LinkedHashMap<>(c.metadata());
        damaged.put("control_clip", "norm:-1");
        SafeTensors.save(file, c.tensors(), damaged);
        refused(
                1,
                "the checkpoint in " + cp2 + " records --clip norm:-1, which cannot be used: expected a maximum norm"
                        + " that is finite and > 0, got -1.0",
                "train",
                "--resume",
                cp2.toString(),
                "--epochs",
                "3");
    }

    @Test
    @Tag("slow")
    void aRunThatEarlyStoppingEndedHasNothingToContinue() throws Exception {
        Path data = IdxDirs.write(dir.resolve("data"), 200, 100, 8, 8, 3);
        Path cp = dir.resolve("cp");
        String[] common = {
            "train", "--data", data.toString(), "--model", "mlp", "--hidden", "64", "--lr", "0.5", "--batch-size", "20"
        };
        String[] first = Arrays.copyOf(common, common.length + 8);
        System.arraycopy(
                new String[] {
                    "--epochs",
                    "40",
                    "--validation",
                    "0.25",
                    "--early-stopping",
                    "validation-loss:2",
                    "--checkpoint",
                    cp.toString()
                },
                0,
                first,
                common.length,
                8);
        CommandLineTest.Run r = run(first);
        assertEquals(0, r.code(), r.err());
        int stopped = Checkpoint.load(cp).epoch();
        assertTrue(stopped < 40, r.out());
        refused(
                1,
                "the run checkpointed in " + cp + " stopped early after epoch " + stopped
                        + ": its validation loss had not improved on epoch " + (stopped - 2) + "'s for 2 epochs;"
                        + " there is nothing to continue",
                "train",
                "--data",
                data.toString(),
                "--resume",
                cp.toString(),
                "--epochs",
                "40");
    }
}

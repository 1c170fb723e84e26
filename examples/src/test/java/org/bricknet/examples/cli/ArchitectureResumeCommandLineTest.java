package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.ArchitectureCommandLineTest.refused;
import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bricknet.optim.training.Checkpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume DIR} of a checkpoint of an architecture: no file needed, the same model to
 * the last bit as an uninterrupted run (dropout masks, batch norm and the file's schedule included),
 * and another graph, a built-in model's options or disagreeing settings refused.
 */
@Tag("slow")
class ArchitectureResumeCommandLineTest {
    @TempDir
    Path dir;

    private static final String TRAINING =
            "\"epochs\": 3, \"batch_size\": 400, \"optimizer\": \"adam\", \"learning_rate\": 0.01,"
                    + " \"schedule\": \"step:2:0.5\"";

    @Test
    void aRunStoppedAndResumedWithoutItsFileSavesTheSameModelBitForBit() throws Exception {
        Path file = Architectures.write(dir, "mlp.json", Architectures.mlp(TRAINING));
        Path whole = dir.resolve("whole.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");
        Path cp = Files.createDirectory(dir.resolve("cp"));
        CommandLineTest.Run a = run("train", "--architecture", file.toString(), "--save", whole.toString());
        assertEquals(0, a.code(), a.err());
        CommandLineTest.Run b1 =
                run("train", "--architecture", file.toString(), "--epochs", "1", "--checkpoint", cp.toString());
        assertEquals(0, b1.code(), b1.err());
        CommandLineTest.Run b2 = run("train", "--resume", cp.toString(), "--epochs", "3", "--save", resumed.toString());
        assertEquals(0, b2.code(), b2.err());
        assertTrue(b2.out().contains("training " + file + " (784 → 10) on embedded mnist-10k"), b2.out());
        assertTrue(b2.out().contains("resuming after epoch 1 of 3 from " + Checkpoint.file(cp)), b2.out());
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(resumed), "the saved models differ");
        assertEquals(3, Checkpoint.load(cp).epoch());

        // the same graph may be named again; the checkpoint's settings rule
        CommandLineTest.Run again = run("train", "--resume", cp.toString(), "--architecture", file.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("resuming after epoch 3 of 3"), again.out());
    }

    @Test
    void anotherGraphTheBuiltInOptionsAndDisagreeingSettingsAreRefused() throws Exception {
        Path file = Architectures.write(dir, "mlp.json", Architectures.mlp(TRAINING));
        Path cp = Files.createDirectory(dir.resolve("cp"));
        assertEquals(
                0,
                run("train", "--architecture", file.toString(), "--epochs", "1", "--checkpoint", cp.toString())
                        .code());
        Path other = Architectures.write(
                dir, "other.json", Architectures.mlp(TRAINING).replace("\"out\": 16", "\"out\": 17"));
        refused(
                run("train", "--resume", cp.toString(), "--architecture", other.toString()),
                1,
                "bricknet: --architecture " + other + ": is not the graph the checkpoint in " + cp + " was trained with"
                        + " (here {\"name\": \"fc1\", \"type\": \"Affine\", \"settings\": {\"out\": 17, \"init\":"
                        + " \"he\"}, \"takes\": [\"x\"]}, there {\"name\": \"fc1\", \"type\": \"Affine\", \"settings\":"
                        + " {\"out\": 16, \"init\": \"he\"}, \"takes\": [\"x\"]}); leave --architecture out to continue"
                        + " that run");
        refused(
                run("train", "--resume", cp.toString(), "--hidden", "10"),
                2,
                "bricknet: --hidden: the model comes from the checkpoint in " + cp + " (" + file + " (784 → 10));"
                        + " leave it out when resuming");
        refused(
                run("train", "--resume", cp.toString(), "--weight-decay", "0.1"),
                2,
                "bricknet: --weight-decay: the model comes from the checkpoint in " + cp + " (" + file
                        + " (784 → 10)); leave it out when resuming");
        refused(
                run("train", "--resume", cp.toString(), "--lr", "0.5"),
                2,
                "bricknet: --lr 0.5 disagrees with the checkpoint in " + cp + " (0.01); leave it out when resuming");

        Path builtIn = Files.createDirectory(dir.resolve("builtin"));
        assertEquals(
                0,
                run("train", "--hidden", "5", "--epochs", "1", "--checkpoint", builtIn.toString())
                        .code());
        refused(
                run("train", "--resume", builtIn.toString(), "--architecture", file.toString()),
                2,
                "bricknet: --architecture: the checkpoint in " + builtIn + " is of a built-in model, not of an"
                        + " architecture; leave --architecture out to continue it");
    }
}

package org.bricknet.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.testing.IdxFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory, in real JVMs with a fixed heap: the default run fits 64 MiB and 60,000 images fit 256
 * MiB (images are held as bytes); small honest inputs that need more than the heap are refused
 * before they are allocated, saying how much is needed and the -Xmx to use, never with an
 * OutOfMemoryError.
 */
@Tag("slow")
class HeapCommandLineTest {
    @TempDir
    Path dir;

    private Path tmp() throws Exception {
        return Files.createDirectories(dir.resolve("tmp"));
    }

    private void refusedForMemory(String heap, String what, String... args) throws Exception {
        try (Child c = Child.start(heap, tmp(), args)) {
            int code = c.exit(120);
            String out = c.output();
            assertEquals(1, code, out);
            String last = out.lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("bricknet: " + what), out);
            assertTrue(
                    last.matches(".* needs [0-9.]+ [KMG]iB of memory; the Java heap can give [0-9.]+ [KMG]iB of its"
                            + " [0-9.]+ [KMG]iB; run java with -Xmx[0-9]+[mg]"),
                    last);
            assertFalse(out.contains("OutOfMemoryError") || out.contains("\tat "), out);
        }
    }

    @Test
    void theDefaultRunFitsSixtyFourMebibytes() throws Exception {
        Path tmp = tmp();
        try (Child c = Child.start("64m", tmp, "train", "--epochs", "2")) {
            assertEquals(0, c.exit(120), c.output());
            assertTrue(c.output().contains("final test accuracy"), c.output());
        }
        assertEquals(java.util.List.of(), Child.files(tmp), "a finished run leaves nothing in the temporary directory");
    }

    @Test
    void sixtyThousandImagesFitTwoHundredFiftySixMebibytes() throws Exception {
        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        Path data = Files.isDirectory(fashion) ? fashion : IdxDirs.write(dir.resolve("60k"), 60_000, 10_000, 28, 28, 1);
        try (Child c = Child.start("256m", tmp(), "train", "--epochs", "1", "--data", data.toString())) {
            assertEquals(0, c.exit(180), c.output());
            assertTrue(c.output().contains("60000 training and 10000 test examples"), c.output());
        }
    }

    @Test
    void smallHonestInputsThatNeedMoreThanTheHeapAreRefusedBeforehand() throws Exception {
        // 400,000 blank images: 314 MB of pixels in a gzip of 0.3 MB
        Path blank = IdxDirs.write(dir.resolve("blank"), 10, 10, 28, 28, 1);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(blank.resolve(Mnist.FILES[0] + ".gz")))) {
            out.write(IdxFiles.idx(new int[] {400_000, 28, 28}, new byte[0]));
            byte[] zeros = new byte[28 * 28 * 1000];
            for (int i = 0; i < 400; i++) {
                out.write(zeros);
            }
        }
        Files.delete(blank.resolve(Mnist.FILES[0]));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(blank.resolve(Mnist.FILES[1] + ".gz")))) {
            out.write(IdxFiles.idx(new int[] {400_000}, new byte[400_000]));
        }
        Files.delete(blank.resolve(Mnist.FILES[1]));
        assertTrue(Files.size(blank.resolve(Mnist.FILES[0] + ".gz")) < 1 << 20);
        refusedForMemory(
                "128m",
                blank.resolve(Mnist.FILES[0] + ".gz") + " (400000×28×28 bytes) needs ",
                "train",
                "--data",
                blank.toString());
        // three images of 1000×1000 for the convolutional net: its layers, not the data, are too large
        Path big = IdxDirs.write(dir.resolve("big"), 3, 3, 1000, 1000, 2);
        refusedForMemory(
                "256m",
                "training cnn 1,1000,1000 → 100,10 with adam, batch 3 needs ",
                "train",
                "--model",
                "cnn",
                "--data",
                big.toString());
        refusedForMemory(
                "256m",
                "training mlp 784,40000,40000,10 with sgd, batch 100 needs ",
                "train",
                "--model",
                "mlp",
                "--hidden",
                "40000,40000");
    }
}

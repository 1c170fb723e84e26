package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.testing.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX header's rows and columns are kept from the files to the model: training and test
 * images must agree, a CNN takes the real height and width, a saved model refuses test images of
 * another size; files that are not plainly one IDX array are refused with the reason.
 */
class GeometryCommandLineTest {
    @TempDir
    Path dir;

    private static void refused(CommandLineTest.Run r, String expected) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("bricknet: " + expected, r.err().strip());
    }

    @Test
    void trainingAndTestImagesOfDifferentSizesAreRefused() throws Exception {
        Path data = IdxDirs.write(dir.resolve("d"), 40, new int[] {14, 56}, 10, new int[] {28, 28}, 1);
        refused(
                run("train", "--data", data.toString(), "--epochs", "1"),
                data.resolve(Mnist.FILES[2]) + ": holds images of 28×28 but the training images in " + Mnist.FILES[0]
                        + " are 14×56; both sets must have the same size");
    }

    @Test
    void aCnnTakesTheRealHeightAndWidthAndAModelRefusesImagesOfAnotherSize() throws Exception {
        Path wide = IdxDirs.write(dir.resolve("wide"), 40, 10, 14, 56, 1);
        Path model = dir.resolve("cnn.safetensors");
        CommandLineTest.Run r = run(
                "train",
                "--data",
                wide.toString(),
                "--model",
                "cnn",
                "--hidden",
                "8",
                "--epochs",
                "1",
                "--save",
                model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("training cnn 1,14,56 → 8,10 on "), r.out());
        Path square = IdxDirs.write(dir.resolve("square"), 10, 10, 28, 28, 2);
        for (String cmd : new String[] {"evaluate", "predict"}) {
            refused(
                    run(cmd, "--model", model.toString(), "--data", square.toString()),
                    "the model in " + model + " (cnn 1,14,56 → 8,10) does not fit the test data of " + square
                            + ": the model takes images of 14×56, the data holds 28×28 images");
        }
        Path flat = dir.resolve("two.safetensors");
        assertEquals(
                0,
                run("train", "--data", wide.toString(), "--hidden", "5", "--epochs", "1", "--save", flat.toString())
                        .code());
        refused(
                run("evaluate", "--model", flat.toString(), "--data", square.toString()),
                "the model in " + flat + " (two-layer 784,5,10) does not fit the test data of " + square
                        + ": the model takes images of 14×56, the data holds 28×28 images");
        CommandLineTest.Run p = run("predict", "--model", flat.toString(), "--data", wide.toString());
        assertEquals(0, p.code(), p.err());
        java.util.List<String> picture =
                p.out().lines().takeWhile(l -> !l.startsWith("test image")).toList();
        assertEquals(14, picture.size(), p.out());
        assertTrue(picture.stream().allMatch(l -> l.length() <= 2 * 56), p.out());
    }

    @Test
    void evaluateReadsOnlyTheTestFiles() throws Exception {
        Path data = IdxDirs.write(dir.resolve("d"), 40, 10, 28, 28, 1);
        Path model = dir.resolve("m.safetensors");
        assertEquals(
                0,
                run("train", "--data", data.toString(), "--hidden", "5", "--epochs", "1", "--save", model.toString())
                        .code());
        Files.delete(data.resolve(Mnist.FILES[0]));
        Files.delete(data.resolve(Mnist.FILES[1]));
        CommandLineTest.Run r = run("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("accuracy: "), r.out());
    }

    @Test
    void filesThatAreNotPlainlyOneIdxArrayAreRefusedWithTheReason() throws Exception {
        Path d = IdxDirs.write(dir.resolve("gz"), 20, 10, 28, 28, 1);
        Path images = d.resolve(Mnist.FILES[0]);
        byte[] gz = IdxFiles.gzip(Files.readAllBytes(images));
        Files.delete(images);
        byte[] garbage = java.util.Arrays.copyOf(gz, gz.length + 9);
        Files.write(d.resolve(Mnist.FILES[0] + ".gz"), garbage);
        refused(
                run("train", "--data", d.toString(), "--epochs", "1"),
                d.resolve(Mnist.FILES[0] + ".gz") + ": trailing bytes after the end of the gzip stream");
        Files.write(d.resolve(Mnist.FILES[0] + ".gz"), gz);
        Files.write(images, IdxFiles.idx(new int[] {20}, new byte[20]));
        refused(
                run("train", "--data", d.toString(), "--epochs", "1"),
                d + ": holds both " + Mnist.FILES[0] + " and " + Mnist.FILES[0] + ".gz; keep one of them (they may"
                        + " differ)");
        Files.delete(d.resolve(Mnist.FILES[0] + ".gz"));
        byte[] rank1 = new byte[20 * 784];
        new Random(3).nextBytes(rank1);
        Files.write(images, IdxFiles.idx(new int[] {20 * 784}, rank1));
        refused(
                run("train", "--data", d.toString(), "--epochs", "1"),
                images + ": has 1 dimension (15680,); images need 3 (count, rows, columns)");
        Files.delete(images);
        Files.createDirectory(images);
        refused(run("train", "--data", d.toString(), "--epochs", "1"), images + ": is a directory, not a file");
        Files.delete(images);
        Files.createSymbolicLink(images, images.getFileName());
        refused(run("train", "--data", d.toString(), "--epochs", "1"), images + ": is a symbolic link loop");
    }
}

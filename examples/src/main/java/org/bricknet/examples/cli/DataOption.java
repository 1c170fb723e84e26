package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.bricknet.core.io.Mnist;
import org.bricknet.examples.Datasets;
import picocli.CommandLine.Option;

/** {@code --data DIR}: a directory of the four MNIST-layout IDX files; the embedded digits by default. */
public final class DataOption {
    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "directory holding train-/t10k- images and labels as IDX files (.gz or not); "
                    + "default: the 10,000 embedded MNIST digits")
    Path dir;

    Mnist.Split load() throws IOException {
        return Datasets.load(dir);
    }

    String describe() {
        return dir == null ? "embedded mnist-10k" : dir.toString();
    }
}

package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.FileChecks;
import org.bricknet.core.io.Mnist;
import org.bricknet.examples.Datasets;
import picocli.CommandLine.Option;

/**
 * {@code --data DIR}: a directory of the four MNIST-layout IDX files; the embedded digits by
 * default. A command reads only the part it uses: {@code evaluate} and {@code predict} the test
 * files, {@code bench} the training files.
 */
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

    Dataset loadTrain() throws IOException {
        return Datasets.loadTrain(dir);
    }

    Dataset loadTest() throws IOException {
        return Datasets.loadTest(dir);
    }

    String describe() {
        return dir == null ? "embedded mnist-10k" : dir.toString();
    }

    /** The files of {@code --data} that exist (plain or gzipped): what no output may overwrite. */
    List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (dir != null) {
            for (String name : Mnist.FILES) {
                for (Path p : new Path[] {dir.resolve(name), dir.resolve(name + ".gz")}) {
                    if (FileChecks.present(p)) {
                        files.add(p);
                    }
                }
            }
        }
        return files;
    }
}

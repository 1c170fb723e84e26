package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.ClassNames;
import picocli.CommandLine.Option;

/**
 * {@code --classes FILE} of {@code evaluate} and {@code predict}: the names the report and the
 * predictions give the classes. A text file of one name per line ({@link ClassNames#read}), read
 * and checked against the model's number of classes before the data; without it, Fashion-MNIST's
 * names when the test files are Fashion-MNIST's ({@link ClassNames#recogniseTest}), else the
 * class numbers.
 */
public final class ClassNamesOption {
    @Option(
            names = "--classes",
            paramLabel = "FILE",
            description = "a text file naming the classes, one per line (as many as the model has); default:"
                    + " Fashion-MNIST's names for its test files, else the class numbers")
    Path file;

    /** The file's names, checked to be {@code classes} of them; null without {@code --classes}. */
    List<String> read(int classes) throws IOException {
        return file == null ? null : ClassNames.read(file, classes);
    }

    /** The names read from the file, or else those recognised from the test set. */
    static List<String> orRecognised(List<String> read, Dataset test) {
        return read != null ? read : ClassNames.recogniseTest(test);
    }
}

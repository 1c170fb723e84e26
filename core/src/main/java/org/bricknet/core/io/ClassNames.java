package org.bricknet.core.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.bricknet.core.data.Dataset;

/**
 * The names of a data set's classes, for reports and predictions: the digits {@code "0".."9"},
 * Fashion-MNIST's ten names (recognised from its files by {@link #recognise}), or a text file of
 * one name per line ({@link #read}).
 */
public final class ClassNames {
    /** Fashion-MNIST's classes 0 to 9, as its authors name them. */
    public static final List<String> FASHION_MNIST = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The first labels of Fashion-MNIST's training and test files, by which {@link #recognise} knows them. */
    private static final int[] FASHION_TRAIN = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9, 5, 5, 7, 9, 1, 0, 6, 4};

    private static final int[] FASHION_TEST = {9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5, 7, 3, 4, 1, 2, 4, 8, 0};
    private static final long MAX_BYTES = 1 << 20;

    private ClassNames() {}

    /** {@code "0", "1", ..., "k−1"}. */
    public static List<String> numbered(int classes) {
        return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }

    /**
     * Fashion-MNIST's names when {@code split} is Fashion-MNIST (its training and test sets start
     * with Fashion-MNIST's first 20 labels, in order), else the class numbers.
     */
    public static List<String> recognise(Mnist.Split split) {
        if (split.train().classes() == 10
                && startsWith(split.train(), FASHION_TRAIN)
                && startsWith(split.test(), FASHION_TEST)) {
            return FASHION_MNIST;
        }
        return numbered(split.train().classes());
    }

    /**
     * The same from a test set alone (as {@code evaluate} reads it): Fashion-MNIST's names when
     * {@code test} starts with the first 20 labels of Fashion-MNIST's test file, else the class
     * numbers.
     */
    public static List<String> recogniseTest(Dataset test) {
        return test.classes() == 10 && startsWith(test, FASHION_TEST) ? FASHION_MNIST : numbered(test.classes());
    }

    private static boolean startsWith(Dataset d, int[] labels) {
        return d.size() >= labels.length && Arrays.equals(Arrays.copyOf(d.labels(), labels.length), labels);
    }

    /**
     * One name per line of a UTF-8 text file (blank lines and surrounding spaces ignored), which
     * must name exactly {@code classes} classes, each once; at most 1 MiB. A path that is missing or
     * not a readable file is a {@link PathException}, bad content a {@link BadFileException}.
     */
    public static List<String> read(Path file, int classes) throws IOException {
        String name = file.toString();
        FileChecks.requireReadableFile(file);
        if (Files.size(file) > MAX_BYTES) {
            throw new BadFileException(
                    name, "is " + Files.size(file) + " bytes; a file of class names is at most " + MAX_BYTES);
        }
        List<String> names = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (CharacterCodingException e) {
            throw new BadFileException(name, "is not UTF-8 text", e);
        }
        if (names.size() != classes) {
            throw new BadFileException(
                    name,
                    "names " + names.size() + " classes, one per line; expected " + classes + ", one for each class");
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) != i) {
                throw new BadFileException(
                        name,
                        "names class '" + names.get(i) + "' twice (lines " + (names.indexOf(names.get(i)) + 1) + " and "
                                + (i + 1) + " of the names)");
            }
        }
        return List.copyOf(names);
    }
}

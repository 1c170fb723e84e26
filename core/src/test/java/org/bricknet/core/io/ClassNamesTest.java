package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class names: numbered, Fashion-MNIST's recognised from its labels, or read from a file, checked. */
class ClassNamesTest {
    @TempDir
    Path dir;

    private static Dataset labelled(int... labels) {
        return new Dataset(Tensor.zeros(labels.length, 1), labels, 10);
    }

    @Test
    void fashionMnistIsRecognisedByItsFirstLabels() {
        Mnist.Split fashion = new Mnist.Split(
                labelled(9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9, 5, 5, 7, 9, 1, 0, 6, 4, 3),
                labelled(9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5, 7, 3, 4, 1, 2, 4, 8, 0));
        assertEquals(ClassNames.FASHION_MNIST, ClassNames.recognise(fashion));
        assertEquals("Ankle boot", ClassNames.recognise(fashion).get(9));
        Mnist.Split digits = new Mnist.Split(labelled(1, 9, 4, 1, 6), labelled(4, 2, 0, 8, 2));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), ClassNames.recognise(digits));
        assertEquals(ClassNames.FASHION_MNIST, ClassNames.recogniseTest(fashion.test()), "the test set alone");
        assertEquals(ClassNames.numbered(10), ClassNames.recogniseTest(digits.test()));
        assertEquals(ClassNames.numbered(10), ClassNames.recogniseTest(fashion.train()));
    }

    @Test
    void aFileNamesOneClassPerLine() throws IOException {
        Path f = dir.resolve("classes.txt");
        Files.writeString(f, "  zero \n\none\ntwo\n", StandardCharsets.UTF_8);
        assertEquals(List.of("zero", "one", "two"), ClassNames.read(f, 3));
    }

    @Test
    void aFileWithTheWrongCountOrARepeatedNameIsAOneLineError() throws IOException {
        Path f = dir.resolve("classes.txt");
        Files.writeString(f, "a\nb\n", StandardCharsets.UTF_8);
        assertEquals(
                f + ": names 2 classes, one per line; expected 10, one for each class",
                assertThrows(BadFileException.class, () -> ClassNames.read(f, 10))
                        .getMessage());
        Files.writeString(f, "a\nb\na\n", StandardCharsets.UTF_8);
        assertEquals(
                f + ": names class 'a' twice (lines 1 and 3 of the names)",
                assertThrows(BadFileException.class, () -> ClassNames.read(f, 3))
                        .getMessage());
        assertEquals(
                dir.resolve("none.txt") + ": no such file or directory",
                assertThrows(PathException.class, () -> ClassNames.read(dir.resolve("none.txt"), 3))
                        .getMessage());
        assertEquals(
                dir + ": is a directory, not a file",
                assertThrows(PathException.class, () -> ClassNames.read(dir, 3)).getMessage());
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        assertEquals(
                f + ": is not UTF-8 text",
                assertThrows(BadFileException.class, () -> ClassNames.read(f, 1))
                        .getMessage());
    }
}

package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory whose image and label files disagree is a {@link BadFileException} naming the label file. */
class MnistTest {
    @TempDir
    Path dir;

    private void write(int trainLabels, byte label) throws IOException {
        Files.write(dir.resolve(Mnist.FILES[0]), IdxTest.idx(new int[] {2, 2, 2}, new byte[8]));
        byte[] labels = new byte[trainLabels];
        labels[0] = label;
        Files.write(dir.resolve(Mnist.FILES[1]), IdxTest.idx(new int[] {trainLabels}, labels));
        Files.write(dir.resolve(Mnist.FILES[2] + ".gz"), IdxTest.gzip(IdxTest.idx(new int[] {1, 2, 2}, new byte[4])));
        Files.write(dir.resolve(Mnist.FILES[3]), IdxTest.idx(new int[] {1}, new byte[] {9}));
    }

    @Test
    void loadsAgreeingFiles() throws IOException {
        write(2, (byte) 3);
        Mnist.Split s = Mnist.load(dir);
        assertEquals(2, s.train().size());
        assertEquals(3, s.train().labels()[0]);
        assertEquals(9, s.test().labels()[0]);
    }

    @Test
    void disagreeingCountsOrLabelsAreBadFiles() throws IOException {
        write(3, (byte) 0);
        BadFileException count = assertThrows(BadFileException.class, () -> Mnist.load(dir));
        assertEquals(dir.resolve(Mnist.FILES[1]).toString(), count.file());
        assertTrue(count.getMessage().contains("2 images but 3 labels"), count.getMessage());
        write(2, (byte) 10);
        BadFileException label = assertThrows(BadFileException.class, () -> Mnist.load(dir));
        assertTrue(label.getMessage().contains("label 0 is 10; expected a class in [0, 10)"), label.getMessage());
    }
}

package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bricknet.core.testing.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory whose image and label files disagree is a {@link BadFileException} naming the label file. */
class MnistTest {
    @TempDir
    Path dir;

    private void write(int trainLabels, byte label) throws IOException {
        Files.write(dir.resolve(Mnist.FILES[0]), IdxFiles.idx(new int[] {2, 2, 2}, new byte[8]));
        byte[] labels = new byte[trainLabels];
        labels[0] = label;
        Files.write(dir.resolve(Mnist.FILES[1]), IdxFiles.idx(new int[] {trainLabels}, labels));
        Files.write(dir.resolve(Mnist.FILES[2] + ".gz"), IdxFiles.gzip(IdxFiles.idx(new int[] {1, 2, 2}, new byte[4])));
        Files.write(dir.resolve(Mnist.FILES[3]), IdxFiles.idx(new int[] {1}, new byte[] {9}));
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

    @Test
    void theTestFilesAloneAreEnoughForTheTestSet() throws IOException {
        write(2, (byte) 3);
        Files.delete(dir.resolve(Mnist.FILES[0]));
        Files.delete(dir.resolve(Mnist.FILES[1]));
        assertEquals(1, Mnist.loadTest(dir).size());
        PathException e = assertThrows(PathException.class, () -> Mnist.load(dir));
        assertEquals(dir.resolve(Mnist.FILES[0]) + ": no such file (nor " + Mnist.FILES[0] + ".gz)", e.getMessage());
    }

    @Test
    void trainingAndTestImagesMustHaveTheSameGeometry() throws IOException {
        write(2, (byte) 3);
        Files.write(dir.resolve(Mnist.FILES[0]), IdxFiles.idx(new int[] {2, 1, 4}, new byte[8]));
        BadFileException e = assertThrows(BadFileException.class, () -> Mnist.load(dir));
        assertEquals(
                dir.resolve(Mnist.FILES[2] + ".gz") + ": holds images of 2×2 but the training images in "
                        + Mnist.FILES[0] + " are 1×4; both sets must have the same size",
                e.getMessage());
        assertEquals(
                java.util.List.of(1, 4),
                java.util.Arrays.stream(Mnist.loadTrain(dir).imageShape())
                        .skip(1)
                        .boxed()
                        .toList());
    }

    @Test
    void anImageFileOfOneDimensionIsNotImages() throws IOException {
        write(2, (byte) 3);
        Files.write(dir.resolve(Mnist.FILES[0]), IdxFiles.idx(new int[] {8}, new byte[8]));
        BadFileException e = assertThrows(BadFileException.class, () -> Mnist.load(dir));
        assertEquals(
                dir.resolve(Mnist.FILES[0]) + ": has 1 dimension (8,); images need 3 (count, rows, columns)",
                e.getMessage());
    }

    @Test
    void aPlainFileBesideItsGzipIsAmbiguous() throws IOException {
        write(2, (byte) 3);
        Files.write(dir.resolve(Mnist.FILES[2]), IdxFiles.idx(new int[] {1, 2, 2}, new byte[4]));
        PathException e = assertThrows(PathException.class, () -> Mnist.load(dir));
        assertEquals(
                dir + ": holds both " + Mnist.FILES[2] + " and " + Mnist.FILES[2]
                        + ".gz; keep one of them (they may differ)",
                e.getMessage());
    }

    @Test
    void anEntryThatIsADirectoryOrALinkLoopIsSaidSo() throws IOException {
        write(2, (byte) 3);
        Files.delete(dir.resolve(Mnist.FILES[3]));
        Files.createDirectory(dir.resolve(Mnist.FILES[3]));
        assertEquals(
                dir.resolve(Mnist.FILES[3]) + ": is a directory, not a file",
                assertThrows(PathException.class, () -> Mnist.load(dir)).getMessage());
        Files.delete(dir.resolve(Mnist.FILES[3]));
        Path loop = dir.resolve(Mnist.FILES[3]);
        Files.createSymbolicLink(loop, loop.getFileName());
        assertEquals(
                loop + ": is a symbolic link loop",
                assertThrows(PathException.class, () -> Mnist.load(dir)).getMessage());
        Path notDir = Files.write(dir.resolve("file"), new byte[1]);
        assertEquals(
                notDir + ": is not a directory",
                assertThrows(PathException.class, () -> Mnist.load(notDir)).getMessage());
    }
}

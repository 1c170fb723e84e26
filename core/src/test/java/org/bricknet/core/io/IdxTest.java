package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bricknet.core.testing.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        byte[] pixels = {0, 1, 2, (byte) 255, 4, 5, 6, 7};
        byte[] raw = IdxFiles.idx(new int[] {2, 2, 2}, pixels);

        Idx.Array a = Idx.read(write("x-idx3-ubyte", raw));
        Idx.Array b = Idx.read(write("x-idx3-ubyte.gz", IdxFiles.gzip(raw)));
        assertArrayEquals(new int[] {2, 2, 2}, a.dims());
        assertArrayEquals(pixels, a.data());
        assertArrayEquals(a.data(), b.data());
        assertEquals(2, a.count());
        assertEquals(4, a.itemSize());
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        byte[] raw = IdxFiles.idx(new int[] {1}, new byte[] {3});
        raw[0] = 0x1a;
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(write("bad", raw)));
        assertTrue(e.getMessage().contains("bad: not an IDX file: magic number 0x1A000801"), e.getMessage());
    }

    @Test
    void otherElementTypesAreRefused() throws IOException {
        byte[] raw = IdxFiles.idx(new int[] {1}, new byte[] {3});
        raw[2] = 0x0D; // float
        BadFileException e = assertThrows(BadFileException.class, () -> Idx.read(write("f", raw)));
        assertTrue(e.getMessage().contains("element type 0x0D is not supported"), e.getMessage());
    }

    @Test
    void truncatedAndTrailingBytesAreErrors() throws IOException {
        byte[] raw = IdxFiles.idx(new int[] {3, 2}, new byte[] {1, 2, 3, 4, 5, 6});
        BadFileException cut =
                assertThrows(BadFileException.class, () -> Idx.read(write("cut", Arrays.copyOf(raw, raw.length - 1))));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        BadFileException cutGz = assertThrows(
                BadFileException.class,
                () -> Idx.read(write("cut.gz", IdxFiles.gzip(Arrays.copyOf(raw, raw.length - 1)))));
        assertTrue(cutGz.getMessage().contains("truncated"), cutGz.getMessage());
        BadFileException cutHeader =
                assertThrows(BadFileException.class, () -> Idx.read(write("cuthead", Arrays.copyOf(raw, 6))));
        assertTrue(cutHeader.getMessage().contains("truncated"), cutHeader.getMessage());
        byte[] longer = Arrays.copyOf(raw, raw.length + 1);
        BadFileException trailing = assertThrows(BadFileException.class, () -> Idx.read(write("long", longer)));
        assertTrue(trailing.getMessage().contains("trailing bytes"), trailing.getMessage());
    }

    @Test
    void impossibleDimensionsFailBeforeAllocating() throws IOException {
        BadFileException zero = assertThrows(
                BadFileException.class, () -> Idx.read(write("zero", IdxFiles.idx(new int[] {0, 28}, new byte[0]))));
        assertTrue(zero.getMessage().contains("dimension 0 is 0"), zero.getMessage());
        BadFileException huge = assertThrows(
                BadFileException.class,
                () -> Idx.read(write("huge", IdxFiles.idx(new int[] {Integer.MAX_VALUE, 28, 28}, new byte[0]))));
        assertTrue(huge.getMessage().contains("announces more than"), huge.getMessage());
        BadFileException bigGz = assertThrows(
                BadFileException.class,
                () -> Idx.read(write(
                        "big.gz", IdxFiles.gzip(IdxFiles.idx(new int[] {1_000_000, 28, 28}, new byte[10])))));
        assertTrue(bigGz.getMessage().contains("cannot hold that many"), bigGz.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreClear() throws IOException {
        BadFileException empty = assertThrows(BadFileException.class, () -> Idx.read(write("empty", new byte[0])));
        assertTrue(empty.getMessage().contains("truncated"), empty.getMessage());
        PathException missing = assertThrows(PathException.class, () -> Idx.read(dir.resolve("nope")));
        assertTrue(missing.getMessage().endsWith("nope: no such file or directory"), missing.getMessage());
        byte[] notGzip = {0x1f, (byte) 0x8b, 1, 2, 3};
        BadFileException corrupt = assertThrows(BadFileException.class, () -> Idx.read(write("c.gz", notGzip)));
        assertTrue(corrupt.getMessage().contains("c.gz"), corrupt.getMessage());
    }

    @Test
    void anythingButAnotherMemberAfterAGzipStreamIsTrailingData() throws IOException {
        byte[] raw = IdxFiles.idx(new int[] {3, 2}, new byte[] {1, 2, 3, 4, 5, 6});
        byte[] gz = IdxFiles.gzip(raw);
        for (int extra : new int[] {1, 7, 8, 20, 27, 100, 70_000}) {
            byte[] garbage = Arrays.copyOf(gz, gz.length + extra);
            Arrays.fill(garbage, gz.length, garbage.length, (byte) (extra == 8 ? 0 : 'x'));
            BadFileException e = assertThrows(
                    BadFileException.class, () -> Idx.read(write("g" + extra + ".gz", garbage)), "extra " + extra);
            assertTrue(e.getMessage().contains("trailing bytes after the end of the gzip stream"), e.getMessage());
        }
        // two gzip members are one stream (as gunzip reads them)
        byte[] first = IdxFiles.gzip(Arrays.copyOf(raw, 10));
        byte[] second = IdxFiles.gzip(Arrays.copyOfRange(raw, 10, raw.length));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertArrayEquals(
                Idx.read(write("plain", raw)).data(),
                Idx.read(write("two.gz", both)).data());
    }

    @Test
    void aPathThatIsNotAFileSaysWhatItIs() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub-idx3-ubyte"));
        PathException d = assertThrows(PathException.class, () -> Idx.read(sub));
        assertEquals(sub + ": is a directory, not a file", d.getMessage());
        Path a = dir.resolve("a");
        Files.createSymbolicLink(a, dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), a);
        assertEquals(
                a + ": is a symbolic link loop",
                assertThrows(PathException.class, () -> Idx.read(a)).getMessage());
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        assertEquals(
                dangling + ": is a symbolic link to a missing file",
                assertThrows(PathException.class, () -> Idx.read(dangling)).getMessage());
    }
}

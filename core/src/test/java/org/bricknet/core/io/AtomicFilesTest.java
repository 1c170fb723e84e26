package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@link AtomicFiles} refuses to write, what it says, the mode a file gets, and the
 * temporary files of killed writes it clears away.
 */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static PathException refused(Path target) {
        PathException e = assertThrows(PathException.class, () -> write(target, "x"));
        assertTrue(e.getMessage().startsWith(target + ": cannot write: "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), "names the user's path, not the temporary file: " + e);
        PathException early = assertThrows(PathException.class, () -> AtomicFiles.checkWritable(target));
        assertEquals(e.getMessage(), early.getMessage(), "the check before the work says what the write would");
        return e;
    }

    private long temporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void aMissingDirectoryIsAnErrorNotCreated() {
        Path target = dir.resolve("no/such/dir/m.safetensors");
        PathException e = refused(target);
        assertTrue(e.reason().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("no")), "no directory is created on the way");
    }

    @Test
    void aTargetUnderARegularFileOrOntoADirectoryIsRefusedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        assertTrue(refused(file.resolve("m.safetensors")).reason().contains("is not a directory"));
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertEquals("cannot write: is a directory", refused(sub).reason());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aDirectoryThatCannotBeWrittenSaysPermissionDenied() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path target = locked.resolve("m.safetensors");
            if (Files.isWritable(locked)) {
                // root writes anywhere; /sys is read-only even to root on Linux
                target = Path.of("/sys/bricknet-test.safetensors");
                Assumptions.assumeTrue(
                        Files.isDirectory(Path.of("/sys")), "running as root without /sys: nothing is read-only");
            }
            assertEquals("cannot write: permission denied", refused(target).reason());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aNewFileGetsTheUmaskModeAndAReplacedFileKeepsItsMode() throws IOException {
        Path reference = dir.resolve("reference");
        Files.newByteChannel(reference, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                .close();
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(reference);
        Path fresh = dir.resolve("fresh.safetensors");
        write(fresh, "a");
        assertEquals(usual, Files.getPosixFilePermissions(fresh), "a new file gets 0666 less the umask");
        assertTrue(usual.contains(PosixFilePermission.OWNER_READ) && usual.contains(PosixFilePermission.OWNER_WRITE));

        for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw-rw-r--"}) {
            Path old = dir.resolve("old-" + mode + ".safetensors");
            Files.writeString(old, "before");
            Files.setPosixFilePermissions(old, PosixFilePermissions.fromString(mode));
            write(old, "after");
            assertEquals("after", Files.readString(old));
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
        }
    }

    @Test
    void theNextWriteRemovesTheTemporaryFilesOfDeadWritersAndOnlyThose() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long dead = p.pid();
        Path target = dir.resolve("m.safetensors");
        Path killed = Files.writeString(dir.resolve(".m.safetensors." + dead + "-k1ll3d.tmp"), "half a file");
        Path legacy = Files.writeString(dir.resolve(".m.safetensors8885123456789.tmp"), "half a file");
        Files.setLastModifiedTime(legacy, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path alive = Files.writeString(dir.resolve(".m.safetensors." + live + "-busy.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".other.safetensors." + dead + "-x.tmp"), "another target's");

        write(target, "whole");

        assertEquals("whole", Files.readString(target));
        assertFalse(Files.exists(killed), "a dead writer's temporary file is removed");
        assertFalse(Files.exists(legacy), "an old-style temporary file an hour old is removed");
        assertTrue(Files.exists(alive), "a living writer's temporary file is left alone");
        assertTrue(Files.exists(other), "another target's temporary files wait for a write to it");
        Files.delete(alive);
        Files.delete(other);
        assertEquals(0, temporaries());
    }

    @Test
    void aWriteThroughASymbolicLinkReplacesTheFileAndKeepsTheLink() throws IOException {
        Path real = Files.writeString(dir.resolve("real.safetensors"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.safetensors"), real.getFileName());
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("m.safetensors"), "old");
        IOException e = assertThrows(
                IOException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write(1);
                    throw new IOException("disk on fire");
                }));
        assertEquals("disk on fire", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(0, temporaries());
        assertFalse(AtomicFiles.writing());
    }
}

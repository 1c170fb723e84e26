package org.bricknet.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that a crash never leaves half of it: the content goes to a temporary file in
 * the same directory, which is flushed and synced to disk, then moved over the target in one
 * atomic rename, and the directory is synced so that the rename is durable too. Readers see the old
 * file or the new one, never a mix. Every file bricknet writes (models, checkpoints, plots) goes
 * through here.
 *
 * <ul>
 *   <li>The target's directory must exist: nothing is created on the way (a mistyped path is an
 *       error, not a new directory). {@link #checkWritable} runs the same checks before long work
 *       starts, so that a run never learns at its end that its output cannot be written.
 *   <li>Errors name the caller's path and the system's reason ("permission denied", "is a
 *       directory"), never the temporary file.
 *   <li>Permissions: a new file gets the usual mode (the process's umask applies, as for any file
 *       the user creates); a replaced file keeps its mode.
 *   <li>The temporary file is {@code .NAME.PID-RANDOM.tmp}. A process killed mid-write leaves it
 *       behind; the next write to the same target removes those whose process is gone.
 *       {@link #abandonWrites()} removes this process's own, for a process about to die of a signal.
 *   <li>A target that is a symbolic link is written through: the file it points to is replaced and
 *       the link stays.
 * </ul>
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Temporary files of writes in progress in this process. */
    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    /** Temporary files written before names carried the process id: {@code .NAME<digits>.tmp}. */
    private static final long LEGACY_STALE_MILLIS = 60_000;

    private AtomicFiles() {}

    /** Writes {@code target} atomically with what {@code writer} produces. */
    public static void write(Path target, Writer writer) throws IOException {
        Path file = resolveLink(target);
        checkWritable(target);
        Path dir = file.getParent();
        String name = file.getFileName().toString();
        removeStale(dir, name);
        Path tmp = createTemporary(dir, name, target);
        IN_PROGRESS.add(tmp);
        try {
            keepMode(file, tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.write(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(target + ": this file system cannot replace a file atomically", e);
            }
            syncDirectory(dir);
        } catch (java.nio.file.FileSystemException e) {
            throw FileChecks.cannotWrite(target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } finally {
                IN_PROGRESS.remove(tmp);
            }
        }
    }

    /**
     * Checks that {@link #write} could write {@code target} now: its directory exists and is a
     * directory this process can create files in (tried for real, so that read-only file systems
     * and access control lists answer too), and the target, if present, is a regular file. The
     * exception names {@code target} and the reason.
     */
    public static void checkWritable(Path target) throws IOException {
        Path file = resolveLink(target);
        Path dir = file.getParent();
        if (dir == null) {
            throw new PathException(target, "cannot write: not a file name");
        }
        Path shown = file.equals(target.toAbsolutePath()) && target.getParent() != null ? target.getParent() : dir;
        if (!Files.exists(dir)) {
            throw new PathException(target, "cannot write: directory " + shown + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new PathException(target, "cannot write: " + shown + " is not a directory");
        }
        if (Files.isDirectory(file)) {
            throw new PathException(target, "cannot write: is a directory");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new PathException(target, "cannot write: exists and is not a regular file");
        }
        Path probe = createTemporary(dir, file.getFileName().toString(), target);
        Files.deleteIfExists(probe);
    }

    /**
     * Deletes the temporary files of this process's writes in progress: for a process that is about
     * to end without finishing them (a signal). The targets are left as they were.
     */
    public static void abandonWrites() {
        for (Path tmp : IN_PROGRESS) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // the process is ending; the next write to this target removes it
            }
        }
    }

    /** Whether this process is writing a file now. */
    public static boolean writing() {
        return !IN_PROGRESS.isEmpty();
    }

    /** The file a write to {@code target} replaces: the target, or the file a symbolic link points to. */
    private static Path resolveLink(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute)) {
            try {
                return absolute.toRealPath();
            } catch (IOException e) {
                Path link = Files.readSymbolicLink(absolute);
                return absolute.resolveSibling(link).toAbsolutePath().normalize();
            }
        }
        return absolute;
    }

    private static Path createTemporary(Path dir, String name, Path target) throws IOException {
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path tmp = dir.resolve("." + name + "." + pid + "-" + random + ".tmp");
            try {
                // no permission attribute: the new file gets 0666 less the umask, as any file the user creates
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                        .close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new PathException(target, "cannot write: no free temporary file name beside it");
                }
            } catch (java.nio.file.FileSystemException e) {
                throw FileChecks.cannotWrite(target, e);
            }
        }
    }

    /** Gives the temporary file the mode of the file it replaces, where the file system has modes. */
    private static void keepMode(Path file, Path tmp) throws IOException {
        if (Files.isRegularFile(file) && Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        }
    }

    /**
     * Removes the temporary files that earlier writes to {@code name} left behind when their process
     * was killed: {@code .NAME.PID-RANDOM.tmp} whose process is gone (or is this one, not writing
     * it), and the older {@code .NAMEdigits.tmp} not touched for a minute.
     */
    private static void removeStale(Path dir, String name) {
        Pattern current = Pattern.compile(Pattern.quote("." + name + ".") + "(\\d+)-[0-9a-z]+\\.tmp");
        Pattern legacy = Pattern.compile(Pattern.quote("." + name) + "-?\\d+\\.tmp");
        long me = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "." + globEscape(name) + "*.tmp")) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                Matcher m = current.matcher(n);
                boolean stale;
                if (m.matches()) {
                    long pid = Long.parseLong(m.group(1));
                    stale = pid == me
                            ? !IN_PROGRESS.contains(p)
                            : ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                } else if (legacy.matcher(n).matches()) {
                    FileTime t = Files.getLastModifiedTime(p);
                    stale = System.currentTimeMillis() - t.toMillis() > LEGACY_STALE_MILLIS;
                } else {
                    stale = false;
                }
                if (stale && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // tidying is best effort; the write itself reports what matters
        }
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /**
     * Syncs the directory so that the rename itself survives a power cut (POSIX); where a
     * directory cannot be opened for syncing (Windows) the rename is left to the file system.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here: the rename is still atomic, only its durability is the OS's
        }
    }
}

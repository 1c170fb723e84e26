package org.bricknet.optim.training;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bricknet.core.io.FileChecks;
import org.bricknet.core.io.PathException;

/**
 * A checkpoint directory belongs to one run. A run that writes checkpoints into a directory holds
 * a lock on {@value #LOCK} there for as long as it trains, so a second run at once is refused
 * instead of both writing and the directory keeping whichever wrote last; and a fresh run is
 * refused a directory that already holds a checkpoint, unless it is continuing that very
 * checkpoint: another run's work is never replaced silently.
 */
public final class CheckpointDirectory implements AutoCloseable {
    /** The lock file inside a checkpoint directory (empty; its lock is what counts). */
    public static final String LOCK = "checkpoint.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private CheckpointDirectory(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Checks, without claiming it, that a run could write its checkpoints into {@code dir}: it is a
     * directory (or can be made one: its parent exists), no running process holds it, and it holds
     * no checkpoint unless {@code resumedFile} (the checkpoint this run continues, or null) is that
     * checkpoint.
     */
    public static void check(Path dir, Path resumedFile) throws IOException {
        if (!Files.isDirectory(dir)) {
            requireCreatable(dir);
            return;
        }
        requireOwn(dir, resumedFile);
        claim(dir, resumedFile).close();
    }

    /**
     * Claims {@code dir} for this run, creating it (not its parents) if needed: checks it as
     * {@link #check} does and takes the lock, held until {@link #close}.
     */
    public static CheckpointDirectory claim(Path dir, Path resumedFile) throws IOException {
        if (!Files.isDirectory(dir)) {
            requireCreatable(dir);
            Files.createDirectory(dir);
        }
        requireOwn(dir, resumedFile);
        Path lockFile = dir.resolve(LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (java.nio.file.FileSystemException e) {
            FileChecks.requireDirectory(dir);
            throw new PathException(dir, "cannot write checkpoints here: " + FileChecks.reason(e));
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new PathException(
                    dir,
                    "another run is writing checkpoints here now (it holds " + LOCK + "); choose another directory");
        }
        return new CheckpointDirectory(channel, lock);
    }

    private static void requireCreatable(Path dir) throws PathException {
        if (FileChecks.present(dir)) {
            throw new PathException(dir, "is not a directory; checkpoints need a directory");
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new PathException(dir, "cannot create the checkpoint directory: " + parent + " does not exist");
        }
        try {
            org.bricknet.core.io.AtomicFiles.checkWritable(dir.resolveSibling(dir.getFileName() + ".probe"));
        } catch (PathException e) {
            throw new PathException(
                    dir, "cannot create the checkpoint directory: " + e.reason().replace("cannot write: ", ""));
        } catch (java.io.IOException e) {
            throw new PathException(dir, "cannot create the checkpoint directory here");
        }
    }

    private static void requireOwn(Path dir, Path resumedFile) throws IOException {
        Path file = Checkpoint.file(dir);
        if (!FileChecks.present(file)) {
            return;
        }
        if (resumedFile != null && Files.exists(resumedFile) && Files.isSameFile(file, resumedFile)) {
            return;
        }
        throw new Occupied(dir, describe(dir));
    }

    /** The directory holds another run's checkpoint; {@link #progress()} says how far that run got. */
    public static final class Occupied extends PathException {
        private final String progress;

        Occupied(Path dir, String progress) {
            super(
                    dir,
                    "holds the checkpoint of another run (" + progress + "); continue that run from it, or choose"
                            + " another directory");
            this.progress = progress;
        }

        /** How far the other run got, such as {@code after epoch 3 of 10}. */
        public String progress() {
            return progress;
        }
    }

    /** Another run, alive now, holds the directory's lock. */
    public static final class Busy extends PathException {
        Busy(Path dir) {
            super(dir, "another run is writing checkpoints here now (it holds " + LOCK + "); choose another directory");
        }
    }

    private static String describe(Path dir) {
        try {
            Checkpoint c = Checkpoint.load(dir);
            String planned = c.extra().get("epochs");
            return "after epoch " + c.epoch() + (planned == null ? "" : " of " + planned);
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }

    /** Releases the directory. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}

package org.bricknet.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a path can be used, said once for every reader and writer: each check throws a
 * {@link PathException} naming the path as given and the reason ("no such file", "is a
 * directory", "is a symbolic link loop", "permission denied"), never a bare "file not found".
 */
public final class FileChecks {
    private FileChecks() {}

    /** Checks that {@code file} is a regular file this process can open for reading. */
    public static void requireReadableFile(Path file) throws PathException {
        requireExists(file);
        if (Files.isDirectory(file)) {
            throw new PathException(file, "is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new PathException(file, "is not a regular file");
        }
        try {
            Files.newByteChannel(file).close();
        } catch (FileSystemException e) {
            throw new PathException(file, reason(e));
        } catch (IOException e) {
            throw new PathException(file, "cannot be read");
        }
    }

    /** Checks that {@code dir} is a directory whose entries this process can list. */
    public static void requireDirectory(Path dir) throws PathException {
        requireExists(dir);
        if (!Files.isDirectory(dir)) {
            throw new PathException(dir, "is not a directory");
        }
        try (var entries = Files.newDirectoryStream(dir)) {
            entries.iterator().hasNext();
        } catch (FileSystemException e) {
            throw new PathException(dir, reason(e));
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            throw new PathException(dir, "cannot be listed");
        }
    }

    /** Whether something (a file, a directory, even a broken link) is at {@code path}. */
    public static boolean present(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    private static void requireExists(Path path) throws PathException {
        if (Files.exists(path)) {
            return;
        }
        if (!present(path)) {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
                throw new PathException(path, "no such file (" + parent + " is not a directory)");
            }
            throw new PathException(path, "no such file or directory");
        }
        try {
            path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new PathException(path, "is a symbolic link to a missing file");
        } catch (IOException e) {
            throw new PathException(path, "is a symbolic link loop");
        }
        throw new PathException(path, "cannot be reached");
    }

    /** The system's reason for a failed file operation, in lower case words ("permission denied"). */
    public static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        String r = e.getReason();
        if (r == null || r.isBlank()) {
            return "the file system refused (" + e.getClass().getSimpleName() + ")";
        }
        if (r.startsWith("Too many levels of symbolic links")) {
            return "symbolic link loop";
        }
        return r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
    }

    /** A failed write of {@code target}, said with the user's path and the system's reason. */
    static PathException cannotWrite(Path target, FileSystemException e) {
        return new PathException(target, "cannot write: " + reason(e));
    }
}

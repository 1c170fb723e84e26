package org.bricknet.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A path that cannot be used as asked: a file to read that is missing, a directory or a link loop;
 * a file to write whose directory is missing or read-only. The message is the path as the user
 * gave it and the reason in the system's words, {@code "out/model.safetensors: cannot write:
 * permission denied"}. Bad content inside a file is a {@link BadFileException} instead.
 */
public class PathException extends IOException {
    private final transient Path path;
    private final String reason;

    public PathException(Path path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** The path as the caller gave it. */
    public Path path() {
        return path;
    }

    /** What is wrong with it, without the path. */
    public String reason() {
        return reason;
    }
}

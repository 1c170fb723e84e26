package org.bricknet.core.io;

import java.io.IOException;

/**
 * A data or model file that is not what it claims to be: wrong magic number, a truncated body,
 * a header field out of range, counts that disagree. The message names the file and the field.
 *
 * <p>This is the one exception the loaders ({@link org.bricknet.core.io.Idx},
 * {@link org.bricknet.core.io.Mnist}, {@link SafeTensors}, {@link ModelFiles}, the optimizer
 * module's checkpoints) throw for bad content, whatever the bytes: they check every declared size
 * against the real size and against fixed limits before allocating, so a hostile file yields this
 * exception, never an {@code OutOfMemoryError}, a {@code NegativeArraySizeException}, an
 * {@code ArrayIndexOutOfBoundsException} or a hang. Fuzz properties hold them to it. Other
 * {@link IOException}s mean the file could not be read at all (permissions, a failing disk).
 */
public class BadFileException extends IOException {
    private final String file;

    public BadFileException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public BadFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file's name or path as given to the reader. */
    public String file() {
        return file;
    }
}

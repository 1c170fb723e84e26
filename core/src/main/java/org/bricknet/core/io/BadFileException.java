package org.bricknet.core.io;

import java.io.IOException;

/**
 * A data or model file that is not what it claims to be: wrong magic number, a truncated body,
 * a header field out of range, counts that disagree. The message names the file and the field.
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

package org.bricknet.examples.cli;

/**
 * A problem with the user's input that a command finds while it runs (a file it cannot write, data
 * that does not fit the model): printed as {@code bricknet: <message>}, exit code 1. Usage errors
 * (an option's form or range) are picocli's {@code ParameterException}s instead, exit code 2.
 */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}

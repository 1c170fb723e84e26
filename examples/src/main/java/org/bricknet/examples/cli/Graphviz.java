package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Graphviz's {@code dot}, run to turn a graph's DOT text into a PNG: the program named by the system
 * property {@value #PROPERTY}, else {@code dot} on the {@code PATH} (Debian's package
 * {@code graphviz}). The DOT text goes in on its standard input and the PNG comes back on its
 * standard output, so that bricknet writes the file itself, atomically.
 */
final class Graphviz {
    /** The system property naming the {@code dot} program to run. */
    static final String PROPERTY = "bricknet.dot";

    /** How to get {@code dot} where it is missing. */
    static final String INSTALL = "apt-get install graphviz";

    /** {@code dot} cannot be run: it is not installed, or not where {@value #PROPERTY} says. */
    static final class Missing extends Exception {
        Missing(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Graphviz() {}

    /** The program run: {@value #PROPERTY}, or {@code dot}. */
    static String program() {
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? "dot" : p;
    }

    /** Whether {@link #program()} runs ({@code dot -V} succeeds). */
    static boolean available() {
        try {
            Process p = new ProcessBuilder(program(), "-V")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The PNG {@code dot} draws of {@code dotText}; {@link Missing} when it cannot be started, an
     * {@link IOException} with its first line of complaint when it fails.
     */
    static byte[] png(String dotText) throws Missing, IOException {
        Process p;
        try {
            p = new ProcessBuilder(program(), "-Tpng").start();
        } catch (IOException e) {
            throw new Missing("Graphviz's dot cannot be run (" + program() + ")", e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(dotText.getBytes(StandardCharsets.UTF_8));
        }
        byte[] png;
        try (InputStream out = p.getInputStream()) {
            png = out.readAllBytes();
        }
        String complaint;
        try (InputStream err = p.getErrorStream()) {
            complaint = new String(err.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("");
        }
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IOException("interrupted while " + program() + " drew the graph", e);
        }
        if (code != 0 || png.length == 0) {
            throw new IOException(
                    program() + " failed (exit " + code + ")" + (complaint.isEmpty() ? "" : ": " + complaint));
        }
        return png;
    }
}

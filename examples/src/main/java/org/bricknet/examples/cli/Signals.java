package org.bricknet.examples.cli;

import org.bricknet.core.io.AtomicFiles;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) end a command at once, with the exit status of a process killed by
 * that signal (143 and 130), whatever the matrix products run on. The JVM's usual way out runs its
 * shutdown hooks and then the C library's exit handlers, and OpenBLAS's exit handler waits for its
 * worker threads, which a product still running on the main thread keeps busy: the process hung
 * there. So the handler here deletes the temporary files of writes in progress (every file's
 * last complete version stays: writes are atomic), says what stopped the run, and then lets the
 * signal's default action end the process, which runs no exit handler.
 */
final class Signals {
    private static volatile String note = "";

    private Signals() {}

    /** Handles SIGTERM and SIGINT from now on (where the JVM lets a program handle them). */
    static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), Signals::stop);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // this platform or JVM (-Xrs) keeps the signal to itself: its default handling stays
            }
        }
    }

    /** What to say after "stopped by SIGTERM", such as where the last complete checkpoint is; empty for nothing. */
    static void note(String text) {
        note = text == null ? "" : text;
    }

    private static void stop(Signal signal) {
        AtomicFiles.abandonWrites();
        System.err.println("bricknet: stopped by SIG" + signal.getName() + (note.isEmpty() ? "" : "; " + note));
        System.err.flush();
        try {
            Signal.handle(signal, SignalHandler.SIG_DFL);
            Signal.raise(signal);
        } catch (IllegalArgumentException e) {
            // could not hand the signal back: end the process directly with the same status
        }
        Runtime.getRuntime().halt(128 + signal.getNumber());
    }
}

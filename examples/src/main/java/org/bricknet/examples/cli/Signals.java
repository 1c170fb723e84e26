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
 * last complete version stays: writes are atomic), says what stopped the run, restores the
 * signal's default action and sends the signal again (with {@code kill}, as Java cannot raise a
 * signal it no longer handles), so that the process ends as killed by it, running no exit handler.
 * Where {@code kill} cannot be run, it halts with the same status.
 */
final class Signals {
    private static volatile String note = "";

    private Signals() {}

    /**
     * Handles SIGTERM and SIGINT from now on (where the JVM lets a program handle them). The
     * classes the handler needs are loaded now: a jar rebuilt under a running process could not
     * give them later, and the signal would be lost.
     */
    static void install() {
        AtomicFiles.writing();
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

    /** Tidies up and ends the process as killed by {@code signal}; whatever fails on the way, it ends. */
    private static void stop(Signal signal) {
        try {
            AtomicFiles.abandonWrites();
            System.err.println("bricknet: stopped by SIG" + signal.getName() + (note.isEmpty() ? "" : "; " + note));
            System.err.flush();
        } catch (Throwable e) {
            // the process ends all the same
        }
        try {
            Signal.handle(signal, SignalHandler.SIG_DFL);
            String pid = Long.toString(ProcessHandle.current().pid());
            new ProcessBuilder("kill", "-" + signal.getName(), pid)
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Throwable e) {
            // the signal cannot be handed back or sent: end the process directly with the same status
        }
        Runtime.getRuntime().halt(128 + signal.getNumber());
    }
}

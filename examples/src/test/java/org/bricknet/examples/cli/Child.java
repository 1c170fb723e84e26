package org.bricknet.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The command line run as a user runs it: a separate JVM ({@link Main#main}) with its own heap
 * limit and temporary directory, its output collected line by line so that a test can act when
 * a line appears (send a signal once the first epoch is done).
 */
final class Child implements AutoCloseable {
    final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private Child(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(l);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code bricknet args} with {@code -Xmx<heap>} and {@code tmp} as its temporary directory. */
    static Child start(String heap, Path tmp, String... args) throws IOException {
        return start(List.of(), heap, tmp, args);
    }

    /** {@link #start(String, Path, String...)} with more options for the JVM, such as {@code -Dkey=value}. */
    static Child start(List<String> jvm, String heap, Path tmp, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                "--add-modules",
                "jdk.incubator.vector"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Runs {@code bricknet args} to its end (at most {@code seconds}); its exit code. */
    static int run(String heap, Path tmp, int seconds, String... args) throws Exception {
        try (Child c = start(heap, tmp, args)) {
            return c.exit(seconds);
        }
    }

    /** Waits at most {@code seconds} for a line matching {@code p}; whether one came. */
    boolean await(Predicate<String> p, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (lines.stream().noneMatch(p)) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    return lines.stream().anyMatch(p);
                }
                lines.wait(Math.min(left, 100));
            }
            return true;
        }
    }

    /** The exit code, waiting at most {@code seconds}; -1 if it did not end (it is then killed). */
    int exit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        reader.join(2000);
        return process.exitValue();
    }

    /** Sends {@code signal} (TERM, INT, KILL) to the process. */
    void signal(String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    /** Everything printed so far, standard output and error together. */
    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** The names of the files in {@code dir}. */
    static List<String> files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

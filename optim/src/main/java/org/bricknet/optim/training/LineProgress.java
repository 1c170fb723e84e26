package org.bricknet.optim.training;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Plain progress lines for logs: at most one per interval, such as
 * {@code "  epoch 2/10: 24000/60000 examples, loss 0.3121, 8123 examples/s"}.
 */
final class LineProgress implements EpochProgress {
    private final PrintStream out;
    private final long intervalNanos;
    private final String prefix;
    private final long examples;
    private final long start = System.nanoTime();
    private long lastLine = start;

    LineProgress(PrintStream out, Duration interval, int epoch, int epochs, long examples) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.prefix = "  epoch " + epoch + "/" + epochs + ": ";
        this.examples = examples;
    }

    @Override
    public void update(long examplesDone, double runningLoss) {
        long now = System.nanoTime();
        if (now - lastLine < intervalNanos || examplesDone >= examples) {
            return;
        }
        lastLine = now;
        double perSecond = examplesDone / Math.max((now - start) / 1e9, 1e-9);
        out.println(prefix
                + String.format(
                        Locale.ROOT,
                        "%d/%d examples, loss %.4f, %.0f examples/s",
                        examplesDone,
                        examples,
                        runningLoss,
                        perSecond));
        out.flush();
    }

    @Override
    public void close() {}
}

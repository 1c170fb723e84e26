package org.bricknet.optim.training;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A me.tongfei progress bar over the examples of one epoch, with examples/s and the running loss. */
final class BarProgress implements EpochProgress {
    private static final long MESSAGE_EVERY_NANOS = 200_000_000L;

    private final ProgressBar bar;
    private long lastMessage;
    private double lastLoss = Double.NaN;
    private boolean closed;

    BarProgress(PrintStream out, int epoch, int epochs, long examples) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("Epoch " + epoch + "/" + epochs)
                .setInitialMax(examples)
                .setUnit(" ex", 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
        this.lastMessage = System.nanoTime() - MESSAGE_EVERY_NANOS;
    }

    @Override
    public void update(long examplesDone, double runningLoss) {
        bar.stepTo(examplesDone);
        lastLoss = runningLoss;
        long now = System.nanoTime();
        if (now - lastMessage >= MESSAGE_EVERY_NANOS) {
            lastMessage = now;
            showLoss();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            showLoss();
            bar.close();
        }
    }

    private void showLoss() {
        if (!Double.isNaN(lastLoss)) {
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lastLoss));
        }
    }
}

package org.bricknet.optim.training;

import java.io.PrintStream;
import java.time.Duration;

/** Progress within one epoch: the bar, the plain lines, or nothing. */
interface EpochProgress extends AutoCloseable {

    /** {@code examplesDone} examples of this epoch seen so far; {@code runningLoss} their mean loss. */
    void update(long examplesDone, double runningLoss);

    /** Ends the epoch's display (the bar's line); idempotent. */
    @Override
    void close();

    /** Starts the display of one epoch of {@code examples} examples. */
    static EpochProgress start(
            Progress mode, PrintStream out, Duration interval, int epoch, int epochs, long examples) {
        switch (resolve(mode, out)) {
            case BAR:
                return new BarProgress(out, epoch, epochs, examples);
            case LINES:
                return new LineProgress(out, interval, epoch, epochs, examples);
            default:
                return NONE;
        }
    }

    /** AUTO becomes BAR on a terminal, LINES otherwise. */
    static Progress resolve(Progress mode, PrintStream out) {
        if (mode != Progress.AUTO) {
            return mode;
        }
        boolean terminal = System.console() != null && (out == System.out || out == System.err);
        return terminal ? Progress.BAR : Progress.LINES;
    }

    EpochProgress NONE = new EpochProgress() {
        @Override
        public void update(long examplesDone, double runningLoss) {}

        @Override
        public void close() {}
    };
}

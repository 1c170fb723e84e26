package org.bricknet.optim.training;

/** What a {@link Trainer} prints while it trains. */
public enum Progress {
    /** {@link #BAR} when the output is the terminal ({@code System.console() != null}), else {@link #LINES}. */
    AUTO,
    /** A progress bar per epoch (me.tongfei:progressbar) with the running loss and examples per second; then a line per epoch. */
    BAR,
    /** Plain lines only, for logs and pipes: a progress line at most every interval (10 s by default), and a line per epoch. */
    LINES,
    /** Nothing at all. */
    QUIET
}

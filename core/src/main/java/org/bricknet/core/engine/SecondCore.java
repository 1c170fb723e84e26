package org.bricknet.core.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts the second core to work on the hot path: {@link #split} runs the lower part of a range on
 * the calling thread and the upper part on one daemon worker thread, and returns when both are
 * done. Every operation of the engine that splits uses it, at the boundary {@link Halves} gives.
 *
 * <p>The hand-off is a few hundred nanoseconds, so that a mini-batch of 10 can use it: the worker
 * spins while work keeps coming, then waits by yielding its core (so that on a machine with other
 * work it does not take the core from that work or from the caller), and parks after about a
 * millisecond without any, or at once while the caller keeps splits to itself. A split never
 * waits for a worker that has not started: if the worker is parked, busy with another caller, or
 * has not picked the upper part up by the time the caller finishes the lower one, the caller runs
 * it itself; it also does so while OpenBLAS's own threads are in use ({@link #othersBusy}), and for
 * a while after it had to wait long for a part the worker had taken: on a machine whose cores other
 * programs keep busy, the worker is descheduled in the middle of parts, and a caller that waits for
 * it is slower than one that does everything itself. Who runs a part never changes what it
 * computes, so results do not depend on timing.
 *
 * <p>{@code -Dbricknet.threads=1} turns the second core off (everything then runs on the caller).
 */
final class SecondCore {
    /** A piece of work over the index range {@code [from, to)}; the two halves must not overlap in what they write. */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    /** True when a second core exists and is not turned off. */
    static final boolean AVAILABLE =
            Runtime.getRuntime().availableProcessors() >= 2 && !"1".equals(System.getProperty("bricknet.threads"));

    /** Element-wise passes over fewer values than this run whole: the hand-off would cost more than it saves. */
    static final int SPLIT_MIN_VALUES = 4096;

    private static final int IDLE = 0;
    private static final int POSTED = 1;
    private static final int TAKEN = 2;
    private static final int DONE = 3;
    /** How long the worker waits for new work before it parks. */
    private static final long SPIN_NANOS = 1_000_000L;

    /** How many times the worker spins for new work before it waits by yielding its core (about 10 µs). */
    private static final int SPINS_BEFORE_YIELD = 512;

    /** How long after another pool's work (OpenBLAS's threads) splits stay on the caller. */
    private static final long HOLD_OFF_NANOS = 50_000_000L;

    /**
     * How much longer than a quarter of its own part a caller may wait for the worker's part before
     * splits stay on the caller for {@link #HOLD_OFF_NANOS}: more means the worker was descheduled
     * in the middle of its part (a scheduler's time slice is a millisecond or more).
     */
    private static final long LATE_NANOS = 200_000L;

    private static volatile long othersBusySince = System.nanoTime() - 2 * HOLD_OFF_NANOS;

    private static final ReentrantLock BUSY = new ReentrantLock();
    private static final AtomicInteger STATE = new AtomicInteger(IDLE);
    private static final Thread WORKER;
    private static volatile boolean parked;
    private static RangeTask job;
    private static int jobFrom;
    private static int jobTo;
    private static Throwable failure;
    /** Parts run by the worker, and parts taken back by the caller; written under {@code BUSY}. */
    private static long shared;

    private static long takenBack;

    static {
        WORKER = new Thread(SecondCore::work, "bricknet-second-core");
        WORKER.setDaemon(true);
        if (AVAILABLE) {
            WORKER.start();
        }
    }

    private SecondCore() {}

    /** {@link #split(int, int, RangeTask)} at {@link Halves#at Halves.at(n)}. */
    static void split(int n, RangeTask task) {
        split(n, Halves.at(n), task);
    }

    /**
     * Runs {@code task.run(0, h)} on this thread and {@code task.run(h, n)} on the second core (or
     * on this thread, see above); returns when both are done. With no second core, runs the two
     * parts one after the other, so the work done is the same either way.
     */
    static void split(int n, int h, RangeTask task) {
        if (!AVAILABLE || h == 0 || System.nanoTime() - othersBusySince < HOLD_OFF_NANOS || !BUSY.tryLock()) {
            task.run(0, h);
            task.run(h, n);
            return;
        }
        try {
            job = task;
            jobFrom = h;
            jobTo = n;
            failure = null;
            STATE.set(POSTED);
            if (parked) {
                LockSupport.unpark(WORKER);
            }
            long start = System.nanoTime();
            task.run(0, h);
            if (STATE.compareAndSet(POSTED, IDLE)) {
                takenBack++;
                task.run(h, n);
                return;
            }
            long own = System.nanoTime();
            int spins = 0;
            while (STATE.get() != DONE) {
                if (++spins < 10_000) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            long waited = System.nanoTime() - own;
            if (waited > LATE_NANOS + (own - start) / 4) {
                othersBusy(); // the worker was held up mid-part: the machine's cores are taken by other work
            }
            STATE.set(IDLE);
            shared++;
            Throwable t = failure;
            if (t != null) {
                failure = null;
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException("SecondCore: the second core's part failed", t);
            }
        } finally {
            job = null;
            BUSY.unlock();
        }
    }

    /**
     * Says that another pool of threads is at work now (OpenBLAS running a large product on its
     * own threads, which then spin for a while waiting for more): for the next 50 ms, splits run
     * both parts on the caller, so that two pools never compete for the two cores. What is
     * computed does not change, only where.
     */
    static void othersBusy() {
        othersBusySince = System.nanoTime();
    }

    /**
     * For benchmarks: how many upper parts the second core has run since start-up, and how many a
     * caller had to run itself because the second core did not pick them up in time (when it was
     * parked or busy); {@code {shared, takenBack}}.
     */
    static long[] counts() {
        BUSY.lock();
        try {
            return new long[] {shared, takenBack};
        } finally {
            BUSY.unlock();
        }
    }

    private static void work() {
        while (true) {
            long idleSince = System.nanoTime();
            int spins = 0;
            while (!(STATE.get() == POSTED && STATE.compareAndSet(POSTED, TAKEN))) {
                if (++spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                    continue;
                }
                Thread.yield(); // on a machine with other work, let it have this core while nothing comes
                long now = System.nanoTime();
                if (now - idleSince > SPIN_NANOS || now - othersBusySince < HOLD_OFF_NANOS) {
                    parked = true;
                    if (STATE.get() != POSTED) {
                        LockSupport.park(SecondCore.class);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                    spins = 0;
                }
            }
            try {
                job.run(jobFrom, jobTo);
            } catch (Throwable t) {
                failure = t;
            }
            STATE.set(DONE);
        }
    }
}

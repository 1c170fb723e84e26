package org.bricknet.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The two-core split: every index exactly once, at the documented boundary, failures surfaced. */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class SecondCoreTest {

    @Test
    void theBoundaryIsHalfRoundedDownToACacheLine() {
        assertEquals(392, Halves.at(784));
        assertEquals(11760, Halves.at(784 * 30)); // W1's rows 392.. are its elements 11760..
        assertEquals(8, Halves.at(23));
        assertEquals(7, Halves.at(15));
        assertEquals(0, Halves.at(1));
    }

    @Property(tries = 200, seed = Seeds.FIXED)
    void everyIndexIsVisitedExactlyOnce(@ForAll @IntRange(min = 1, max = 5000) int n) {
        int[] visits = new int[n];
        AtomicInteger parts = new AtomicInteger();
        SecondCore.split(n, (from, to) -> {
            parts.incrementAndGet();
            for (int i = from; i < to; i++) {
                visits[i]++;
            }
        });
        int[] once = new int[n];
        java.util.Arrays.fill(once, 1);
        assertArrayEquals(once, visits);
        assertEquals(2, parts.get());
    }

    @Test
    void aFailureInEitherPartReachesTheCaller() {
        for (int failing = 0; failing < 2; failing++) {
            int bad = failing;
            IllegalStateException e = new IllegalStateException("part " + bad);
            for (int rep = 0; rep < 100; rep++) {
                IllegalStateException thrown = assertThrows(
                        IllegalStateException.class,
                        () -> SecondCore.split(1000, (from, to) -> {
                            if ((from == 0) == (bad == 0)) {
                                throw e;
                            }
                        }));
                assertSame(e, thrown);
            }
        }
        // and the second core is free again afterwards
        everyIndexIsVisitedExactlyOnce(777);
    }

    /**
     * A worker held up in the middle of its part (as on a machine whose cores other programs keep
     * busy) makes the following splits run on the caller, with the same results.
     */
    @Test
    void aWorkerHeldUpMidPartKeepsTheNextSplitsOnTheCaller() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(SecondCore.AVAILABLE, "no second core here");
        java.util.concurrent.CountDownLatch upperStarted = new java.util.concurrent.CountDownLatch(1);
        Thread caller = Thread.currentThread();
        boolean[] upperOnWorker = new boolean[1];
        for (int attempt = 0; attempt < 20 && !upperOnWorker[0]; attempt++) {
            SecondCore.split(10, (from, to) -> {
                if (from == 0) {
                    try {
                        upperStarted.await(
                                20, java.util.concurrent.TimeUnit.MILLISECONDS); // let the worker take its part
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else if (Thread.currentThread() != caller) {
                    upperOnWorker[0] = true;
                    upperStarted.countDown();
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // held up for 5 ms
                }
            });
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(upperOnWorker[0], "the worker never took a part");
        Thread[] ranUpper = new Thread[1];
        int[] visits = new int[10];
        SecondCore.split(10, (from, to) -> {
            for (int i = from; i < to; i++) {
                visits[i]++;
            }
            if (from > 0) {
                ranUpper[0] = Thread.currentThread();
            }
        });
        assertSame(caller, ranUpper[0]);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, visits);
    }

    @Test
    void twoCallersAtOnceBothGetWholeResults() throws Exception {
        int n = 4096;
        long[][] sums = new long[2][200];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int rep = 0; rep < 200; rep++) {
                    long[] partSums = new long[2];
                    SecondCore.split(n, (from, to) -> {
                        long s = 0;
                        for (int i = from; i < to; i++) {
                            s += i;
                        }
                        partSums[from == 0 ? 0 : 1] = s;
                    });
                    sums[id][rep] = partSums[0] + partSums[1];
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (long[] s : sums) {
            for (long v : s) {
                assertEquals((long) n * (n - 1) / 2, v);
            }
        }
    }
}

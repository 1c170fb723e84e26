package org.bricknet.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("engine")
@net.jqwik.api.Tag("engine")
class MiniBatchesTest {

    /** Example i has input row (i, 10·i) and label i % 3. */
    static Dataset numbered(int n) {
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i % 3;
        }
        return new Dataset(Tensor.of(x, n, 2), y, 3);
    }

    @Property(tries = 50, seed = Seeds.FIXED)
    void anEpochVisitsEveryExampleOnceAndKeepsTheLastPartialBatch(
            @ForAll @IntRange(min = 1, max = 50) int n,
            @ForAll @IntRange(min = 1, max = 20) int batch,
            @ForAll long seed) {
        MiniBatches mb = new MiniBatches(numbered(n), batch);
        mb.shuffle(new Random(seed));
        List<Integer> seen = new ArrayList<>();
        for (int b = 0; b < mb.count(); b++) {
            Batch bt = mb.get(b);
            int expected = Math.min(Math.min(batch, n), n - b * Math.min(batch, n));
            assertEquals(expected, bt.size());
            for (int i = 0; i < bt.size(); i++) {
                int id = (int) bt.x().get(i, 0);
                assertEquals(10.0 * id, bt.x().get(i, 1));
                assertEquals(id % 3, (int) bt.t().get(i));
                seen.add(id);
            }
        }
        Collections.sort(seen);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        assertEquals(all, seen);
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        MiniBatches a = new MiniBatches(numbered(30), 7);
        MiniBatches b = new MiniBatches(numbered(30), 7);
        a.shuffle(new Random(5));
        b.shuffle(new Random(5));
        assertArrayEquals(a.get(0).x().data().clone(), b.get(0).x().data().clone());
        MiniBatches c = new MiniBatches(numbered(30), 7);
        c.shuffle(new Random(6));
        assertNotEquals(
                a.get(0).x().get(0, 0) + a.get(0).x().get(1, 0),
                c.get(0).x().get(0, 0) + c.get(0).x().get(1, 0));
    }

    @Test
    void drawsGatherRandomRows() {
        MiniBatches mb = new MiniBatches(numbered(10), 4);
        Batch b = mb.draw(new Random(1));
        assertEquals(4, b.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(10 * b.x().get(i, 0), b.x().get(i, 1));
        }
    }

    @Test
    void badBatchSizeIsClear() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new MiniBatches(numbered(3), 0));
        assertEquals("MiniBatches: expected a batch size of at least 1, got 0", e.getMessage());
    }

    /** Rows of 784 values in batches of 10 are copied in two halves of columns on two cores. */
    @Test
    void wideRowsGatheredOnTwoCoresAreTheRowsOfTheData() {
        int n = 57;
        int d = 784;
        Random r = new Random(5);
        Tensor x = Tensor.randn(r, 1.0, n, d);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
        }
        MiniBatches mb = new MiniBatches(new Dataset(x, y, 10), 10);
        mb.shuffle(new Random(9));
        boolean[] seen = new boolean[n];
        for (int b = 0; b < mb.count(); b++) {
            Batch batch = mb.get(b);
            for (int i = 0; i < batch.size(); i++) {
                double[] row = java.util.Arrays.copyOfRange(batch.x().data(), i * d, (i + 1) * d);
                int found = -1;
                for (int j = 0; j < n; j++) {
                    if (java.util.Arrays.equals(row, java.util.Arrays.copyOfRange(x.data(), j * d, (j + 1) * d))) {
                        found = j;
                    }
                }
                assertNotEquals(-1, found, "batch " + b + " row " + i + " is no row of the data");
                assertEquals(y[found], (int) batch.t().data()[i]);
                seen[found] = true;
            }
        }
        for (boolean s : seen) {
            assertEquals(true, s);
        }
    }
}

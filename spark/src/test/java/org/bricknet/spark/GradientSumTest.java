package org.bricknet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The partitions' sums give the same doubles whatever order Spark combines them in. */
class GradientSumTest {

    @Test
    void aHandWorkedSumKeepsWhatRoundingTookAway() {
        GradientSum a = new GradientSum();
        a.add(1, 1.0, new double[] {1e16});
        GradientSum b = new GradientSum();
        b.add(1, 1e-16, new double[] {1.0});
        GradientSum c = new GradientSum();
        c.add(1, -1.0, new double[] {-1e16});
        // in plain doubles (1e16 + 1) - 1e16 is 0; the pair keeps the 1
        double[] g = new double[1];
        a.merge(b).merge(c).gradient(1, g);
        assertEquals(1.0, g[0], 0.0);
        assertEquals(1e-16, a.loss(), 0.0);
        assertEquals(3, a.rows());
    }

    @Test
    void everyCombineOrderGivesTheSameDoubles() {
        Random random = new Random(3);
        List<double[]> grads = new ArrayList<>();
        double[] losses = new double[7];
        int[] rows = new int[7];
        for (int p = 0; p < 7; p++) {
            double[] g = new double[200];
            for (int i = 0; i < g.length; i++) {
                g[i] = random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6);
            }
            grads.add(g);
            losses[p] = random.nextDouble() * 3;
            rows[p] = 1 + random.nextInt(500);
        }
        double[] reference = null;
        double referenceLoss = 0;
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6));
        for (int trial = 0; trial < 200; trial++) {
            Collections.shuffle(order, random);
            GradientSum total = new GradientSum();
            GradientSum left = new GradientSum();
            for (int k = 0; k < order.size(); k++) {
                int p = order.get(k);
                GradientSum part = new GradientSum();
                part.add(rows[p], losses[p], grads.get(p));
                // a tree of two levels, cut at a place that moves with the trial
                (k < trial % 7 ? left : total).merge(part);
            }
            total.merge(left);
            double[] g = new double[200];
            total.gradient(1, g);
            if (reference == null) {
                reference = g;
                referenceLoss = total.loss();
            } else {
                assertEquals(java.util.Arrays.toString(reference), java.util.Arrays.toString(g), "trial " + trial);
                assertEquals(referenceLoss, total.loss(), 0.0);
            }
        }
    }

    @Test
    void theFirstPartitionsProblemWins() {
        GradientSum a = new GradientSum();
        a.fail(5, "partition 5: late");
        GradientSum b = new GradientSum();
        b.fail(2, "partition 2: early");
        assertEquals("partition 2: early", a.merge(b).problem());
    }
}

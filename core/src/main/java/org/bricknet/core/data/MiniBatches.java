package org.bricknet.core.data;

import java.util.Random;
import org.bricknet.core.Tensor;

/**
 * Mini-batches of a {@link Dataset}, gathered into buffers that are reused from batch to batch
 * (a {@link Batch} is valid until the next {@link #get} or {@link #draw}).
 *
 * <ul>
 *   <li>Nielsen's way: {@link #shuffle} once per epoch, then batches {@code 0 .. count()−1} cover
 *       every example once; the last, partial batch is kept, not dropped.</li>
 *   <li>The book's way ({@code train_neuralnet.py}): {@link #draw} picks {@code batchSize} rows at
 *       random, with replacement across draws.</li>
 * </ul>
 */
public final class MiniBatches {
    private final Dataset data;
    private final int batchSize;
    private final int[] order;
    private final int[] drawn;
    private final Batch full;
    private final Batch last;

    public MiniBatches(Dataset data, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("MiniBatches: expected a batch size of at least 1, got " + batchSize);
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.drawn = new int[this.batchSize];
        this.full = buffers(this.batchSize);
        int rest = data.size() % this.batchSize;
        this.last = rest == 0 ? full : buffers(rest);
    }

    /**
     * A new random order of the examples (Fisher–Yates with {@code random}), starting each time
     * from the natural order: the order depends on {@code random} alone, not on earlier shuffles,
     * so a resumed run rebuilds exactly the order the uninterrupted one used.
     */
    public void shuffle(Random random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    /** The number of batches in one pass: ⌈N / batchSize⌉. */
    public int count() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batch {@code b} of the current order; the last one may be smaller. */
    public Batch get(int b) {
        if (b < 0 || b >= count()) {
            throw new IndexOutOfBoundsException("MiniBatches: batch " + b + " of " + count());
        }
        int from = b * batchSize;
        int n = Math.min(batchSize, order.length - from);
        Batch out = n == batchSize ? full : last;
        gather(order, from, n, out);
        return out;
    }

    /** {@code batchSize} examples drawn at random (the book's sampling). */
    public Batch draw(Random random) {
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = random.nextInt(order.length);
        }
        gather(drawn, 0, drawn.length, full);
        return full;
    }

    /** Copies the examples {@code index[from .. from+n)} into {@code out}. */
    private void gather(int[] index, int from, int n, Batch out) {
        double[] t = out.t().data();
        int[] labels = data.labels();
        for (int i = 0; i < n; i++) {
            t[i] = labels[index[from + i]];
        }
        data.gather(index, from, n, out.x().data());
    }

    private Batch buffers(int n) {
        int[] example = data.exampleShape();
        int[] shape = new int[example.length + 1];
        shape[0] = n;
        System.arraycopy(example, 0, shape, 1, example.length);
        return new Batch(Tensor.zeros(shape), Tensor.zeros(n));
    }
}

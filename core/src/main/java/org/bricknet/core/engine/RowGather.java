package org.bricknet.core.engine;

import org.bricknet.core.engine.Engine.Work;

/**
 * The mini-batch gather behind {@link Ops#gatherRows}: rows picked by an index copied (or, from
 * bytes, looked up in a table of 256 values) into consecutive rows, cut by columns between the two
 * cores ({@link SecondCore#split}), so that each core reads and writes the same columns of every
 * batch. One instance per thread, reused, so that a gather allocates nothing.
 */
final class RowGather implements SecondCore.RangeTask {
    private static final ThreadLocal<RowGather> OF_THREAD = ThreadLocal.withInitial(RowGather::new);

    private double[] src;
    private byte[] bytes;
    private double[] values;
    private int per;
    private int[] index;
    private int from;
    private int n;
    private double[] dst;

    private void set(double[] src, byte[] bytes, double[] values, int per, int[] index, int from, int n, double[] dst) {
        this.src = src;
        this.bytes = bytes;
        this.values = values;
        this.per = per;
        this.index = index;
        this.from = from;
        this.n = n;
        this.dst = dst;
    }

    @Override
    public void run(int c0, int c1) {
        if (bytes == null) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(src, index[from + i] * per + c0, dst, i * per + c0, c1 - c0);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int s = index[from + i] * per;
            int d = i * per;
            for (int c = c0; c < c1; c++) {
                dst[d + c] = values[bytes[s + c] & 0xff];
            }
        }
    }

    static void gather(
            double[] src, byte[] bytes, double[] values, int rowLength, int[] index, int from, int n, double[] dst) {
        if ((long) n * rowLength > dst.length || from < 0 || from + n > index.length) {
            throw new IllegalArgumentException("Ops.gatherRows: " + n + " rows of " + rowLength + " values from index "
                    + from + " of " + index.length + " do not fit " + dst.length + " values");
        }
        long start = Counters.start();
        RowGather g = OF_THREAD.get();
        g.set(src, bytes, values, rowLength, index, from, n, dst);
        try {
            if ((long) n * rowLength < SecondCore.SPLIT_MIN_VALUES || rowLength < 16) {
                g.run(0, rowLength);
            } else {
                SecondCore.split(rowLength, g);
            }
        } finally {
            g.set(null, null, null, 0, null, 0, 0, null);
            Counters.stop(Work.GATHER, start);
        }
    }
}

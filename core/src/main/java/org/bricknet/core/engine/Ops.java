package org.bricknet.core.engine;

import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Engine.Work;

/**
 * The operations the bricks, the data and the optimizers need, named by their math as EJML names
 * them. How they run (OpenBLAS or the Java Vector API, on one core or two) is this package's
 * business alone; no caller needs to know, and the results do not depend on it (see {@link Halves}
 * for how the work is split).
 *
 * <p>Products take tensors viewed as matrices: {@link Tensor#rows()} (the first axis) by
 * {@link Tensor#cols()} (the rest), so an {@code N x C x H x W} batch is an {@code N x (C·H·W)}
 * matrix; or {@link Block}s, matrices inside a larger array. Shapes are checked and a mismatch is an
 * {@link IllegalArgumentException} naming the operation and both shapes.
 */
public final class Ops {
    private Ops() {}

    /** {@code c = a·b}. */
    public static void mult(Tensor a, Tensor b, Tensor c) {
        product("mult", false, false, a, b, 0.0, c);
    }

    /** {@code c = c + a·b}. */
    public static void multAdd(Tensor a, Tensor b, Tensor c) {
        product("multAdd", false, false, a, b, 1.0, c);
    }

    /** {@code c = aᵀ·b}. */
    public static void multTransA(Tensor a, Tensor b, Tensor c) {
        product("multTransA", true, false, a, b, 0.0, c);
    }

    /** {@code c = a·bᵀ}. */
    public static void multTransB(Tensor a, Tensor b, Tensor c) {
        product("multTransB", false, true, a, b, 0.0, c);
    }

    /** {@code c = a·b} on blocks. */
    public static void mult(Block a, Block b, Block c) {
        product("mult", false, false, a, b, 0.0, c);
    }

    /** {@code c = c + a·b} on blocks. */
    public static void multAdd(Block a, Block b, Block c) {
        product("multAdd", false, false, a, b, 1.0, c);
    }

    /** {@code c = aᵀ·b} on blocks. */
    public static void multTransA(Block a, Block b, Block c) {
        product("multTransA", true, false, a, b, 0.0, c);
    }

    /** {@code c = a·bᵀ} on blocks. */
    public static void multTransB(Block a, Block b, Block c) {
        product("multTransB", false, true, a, b, 0.0, c);
    }

    /** {@code c = c + a·bᵀ} on blocks. */
    public static void multAddTransB(Block a, Block b, Block c) {
        product("multAddTransB", false, true, a, b, 1.0, c);
    }

    /**
     * {@code out[j] = Σ_i a[i, j]}: the sum of each column of {@code a} (viewed as rows by
     * columns), as a bias gradient sums the output gradient over the batch; the rows are added in
     * order.
     */
    public static void sumCols(Tensor a, Tensor out) {
        int rows = a.rows();
        int cols = a.cols();
        if (out.size() != cols) {
            throw new IllegalArgumentException("Ops.sumCols: " + a.shapeString() + " has " + cols
                    + " columns, the output " + out.shapeString() + " holds " + out.size());
        }
        long start = Counters.start();
        double[] d = a.data();
        double[] s = out.data();
        java.util.Arrays.fill(s, 0.0);
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            for (int j = 0; j < cols; j++) {
                s[j] += d[row + j];
            }
        }
        Counters.stop(Work.ELEMENT_WISE, start);
    }

    /** Sets every row of {@code c} (viewed as rows by columns) to {@code row}, which holds one row. */
    public static void fillRows(Tensor c, Tensor row) {
        int cols = c.cols();
        if (row.size() != cols) {
            throw new IllegalArgumentException("Ops.fillRows: rows of " + c.shapeString() + " hold " + cols
                    + " values, the row " + row.shapeString() + " holds " + row.size());
        }
        long start = Counters.start();
        double[] r = row.data();
        double[] d = c.data();
        for (int i = 0, rows = c.rows(); i < rows; i++) {
            System.arraycopy(r, 0, d, i * cols, cols);
        }
        Counters.stop(Work.ELEMENT_WISE, start);
    }

    /**
     * Copies rows {@code index[from], …, index[from + n − 1]} of {@code src} (rows of
     * {@code rowLength} values) into rows {@code 0 … n − 1} of {@code dst}: a mini-batch gathered
     * from a data set.
     */
    public static void gatherRows(double[] src, int rowLength, int[] index, int from, int n, double[] dst) {
        RowGather.gather(src, null, null, rowLength, index, from, n, dst);
    }

    /**
     * {@link #gatherRows(double[], int, int[], int, int, double[])} from rows of bytes: each byte
     * {@code b} becomes {@code values[b & 0xff]} (a table of 256 doubles, such as {@code b / 255.0}
     * for pixels), so a data set held as bytes is turned into doubles one mini-batch at a time.
     */
    public static void gatherRows(
            byte[] src, double[] values, int rowLength, int[] index, int from, int n, double[] dst) {
        if (values.length != 256) {
            throw new IllegalArgumentException(
                    "Ops.gatherRows: expected a table of 256 values, one per byte, got " + values.length);
        }
        RowGather.gather(null, src, values, rowLength, index, from, n, dst);
    }

    /** Whether every element of {@code t} is finite (neither NaN nor infinite). */
    public static boolean allFinite(Tensor t) {
        long start = Counters.start();
        double[] a = t.data();
        if (a.length < SecondCore.SPLIT_MIN_VALUES) {
            boolean finite = Finite.scan(a, 0, a.length);
            Counters.stop(Work.CHECK, start);
            return finite;
        }
        Scan s = SCAN.get();
        s.a = a;
        try {
            SecondCore.split(a.length, Halves.elements(t), s);
            return s.lower && s.upper;
        } finally {
            s.a = null;
            Counters.stop(Work.CHECK, start);
        }
    }

    /**
     * Applies an element-wise update to the elements of the parameter {@code value}: runs
     * {@code update.apply(from, to)} over ranges that together cover every element once.
     */
    public static void updateElements(Tensor value, ElementUpdate update) {
        long start = Counters.start();
        int n = value.size();
        if (n < SecondCore.SPLIT_MIN_VALUES) {
            update.apply(0, n);
            Counters.stop(Work.OPTIMIZER, start);
            return;
        }
        Update u = UPDATE.get();
        u.update = update;
        try {
            SecondCore.split(n, Halves.elements(value), u);
        } finally {
            u.update = null;
            Counters.stop(Work.OPTIMIZER, start);
        }
    }

    /** The rectifier: {@code y = max(x, 0)} element by element ({@link Math#max}, so a NaN stays NaN). */
    public static void rectify(Tensor x, Tensor y) {
        ElementWise.rectify(x, y);
    }

    /**
     * {@code out = d} where {@code y > 0} and 0 elsewhere (NaN is not above 0), element by element:
     * the rectifier's backward pass, {@code y} its output.
     */
    public static void keepWherePositive(Tensor y, Tensor d, Tensor out) {
        ElementWise.keepWherePositive(y, d, out);
    }

    /**
     * A convolution's forward pass: {@code y[n, f] = b[f] + Σ_{c,i,j} w[f, c, i, j]·x[n, c, oy·s − p + i,
     * ox·s − p + j]} for images {@code x} {@code (N, C, H, W)}, filters {@code w} {@code (FN, C, KH,
     * KW)} and bias {@code b} {@code (FN)}, into {@code y} {@code (N, FN, OH, OW)} (sizes as in
     * {@link Patches}): per image, the filters as one {@code FN x C·KH·KW} matrix times the image's
     * {@link #im2col column matrix}, the bias inside the product.
     */
    public static void convolve(Tensor x, Tensor w, Tensor b, int stride, int pad, Tensor y) {
        Convolutions.forward(x, w, b, stride, pad, y);
    }

    /**
     * A convolution's backward pass, for the forward pass {@link #convolve} made from {@code x} and
     * {@code w}: {@code dw = Σ_n dy[n]·im2col(x[n])ᵀ} (the filters' gradient), {@code db[f] =
     * Σ_{n,oy,ox} dy[n, f, oy, ox]}, and, unless {@code dx} is null, {@code dx[n] =
     * col2im(wᵀ·dy[n])}.
     */
    public static void convolveBackward(
            Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dw, Tensor db, Tensor dx) {
        Convolutions.backward(x, w, dy, stride, pad, dw, db, dx);
    }

    /**
     * {@link #convolve}, {@link #rectify} and {@link #maxPool} over {@code window} in one pass, image
     * by image, with the convolution's output kept in the core's cache: {@code y} {@code (N, FN, POH,
     * POW)} is the same as those three passes give, bit for bit, and {@code argmax[o]} the index of
     * window o's winner within its image's convolution output {@code (FN, OH, OW)} (the same cell as
     * the three passes', wherever {@code y[o] > 0}). {@code window} pools the convolution's output.
     */
    public static void convolveRectifyPool(
            Tensor x, Tensor w, Tensor b, int stride, int pad, Patches window, Tensor y, int[] argmax) {
        Convolutions.forwardPooled(x, w, b, stride, pad, window, y, argmax);
    }

    /**
     * The backward pass of {@link #convolveRectifyPool}, which gave {@code y} and {@code argmax}: the
     * gradients of {@link #maxPoolBackward}, {@link #keepWherePositive} and {@link #convolveBackward}
     * one after another, bit for bit, into {@code dw}, {@code db} and, unless null, {@code dx}.
     */
    public static void convolveRectifyPoolBackward(
            Tensor x,
            Tensor w,
            Tensor y,
            int[] argmax,
            Tensor dy,
            int stride,
            int pad,
            Patches window,
            Tensor dw,
            Tensor db,
            Tensor dx) {
        Convolutions.backwardPooled(x, w, y, argmax, dy, stride, pad, window, dw, db, dx);
    }

    /** Writes the column matrix of the image at {@code img[imgOff...]} into {@code col[colOff...]} ({@link Patches}). */
    public static void im2col(Patches g, double[] img, int imgOff, double[] col, int colOff) {
        g.im2col(img, imgOff, col, colOff);
    }

    /** Adds the column matrix at {@code col[colOff...]} back onto the image at {@code img[imgOff...]} ({@link Patches}). */
    public static void col2im(Patches g, double[] col, int colOff, double[] img, int imgOff) {
        g.col2im(col, colOff, img, imgOff);
    }

    /**
     * Max pooling of images {@code x} {@code (N, C, H, W)} over the windows of {@code window}, padding
     * left out of the maximum: {@code y[n, c, oy, ox]} is the largest cell of its window and
     * {@code argmax} (one per output) the index in {@code x} of the first cell that holds it.
     */
    public static void maxPool(Tensor x, Patches window, Tensor y, int[] argmax) {
        Pooling.forward(x, window, y, argmax);
    }

    /**
     * Max pooling's backward pass: {@code dx} (the input's shape) is 0 but at each window's winning
     * cell {@code argmax[o]}, which receives {@code dy[o]} (the sum of them, for a cell that wins
     * overlapping windows).
     */
    public static void maxPoolBackward(Tensor dy, int[] argmax, Patches window, Tensor dx) {
        Pooling.backward(dy, argmax, window, dx);
    }

    private static void product(String op, boolean transA, boolean transB, Tensor a, Tensor b, double beta, Tensor c) {
        gemm(
                op,
                transA,
                transB,
                a.data(),
                0,
                a.rows(),
                a.cols(),
                b.data(),
                0,
                b.rows(),
                b.cols(),
                beta,
                c.data(),
                0,
                c.rows(),
                c.cols(),
                a.shapeString(),
                b.shapeString(),
                c.shapeString());
    }

    private static void product(String op, boolean transA, boolean transB, Block a, Block b, double beta, Block c) {
        gemm(
                op,
                transA,
                transB,
                a.data(),
                a.offset(),
                a.rows(),
                a.cols(),
                b.data(),
                b.offset(),
                b.rows(),
                b.cols(),
                beta,
                c.data(),
                c.offset(),
                c.rows(),
                c.cols(),
                a.dims(),
                b.dims(),
                c.dims());
    }

    private static void gemm(
            String op,
            boolean transA,
            boolean transB,
            double[] a,
            int aOff,
            int aRows,
            int aCols,
            double[] b,
            int bOff,
            int bRows,
            int bCols,
            double beta,
            double[] c,
            int cOff,
            int cRows,
            int cCols,
            String aText,
            String bText,
            String cText) {
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        int n = transB ? bRows : bCols;
        if (k != kb || cRows != m || cCols != n) {
            throw new IllegalArgumentException("Ops." + op + ": cannot multiply " + aText + (transA ? "ᵀ" : "") + " by "
                    + bText + (transB ? "ᵀ" : "") + " into " + cText);
        }
        long start = Counters.start();
        Blas.gemm(transA, transB, m, n, k, 1.0, a, aOff, b, bOff, beta, c, cOff);
        Counters.stopProducts(start, 2L * m * n * k);
    }

    private static final ThreadLocal<Scan> SCAN = ThreadLocal.withInitial(Scan::new);
    private static final ThreadLocal<Update> UPDATE = ThreadLocal.withInitial(Update::new);

    /** The finiteness scan of one half. */
    private static final class Scan implements SecondCore.RangeTask {
        private double[] a;
        private boolean lower;
        private boolean upper;

        @Override
        public void run(int from, int to) {
            boolean ok = Finite.scan(a, from, to);
            if (from == 0) {
                lower = ok;
            } else {
                upper = ok;
            }
        }
    }

    /** An element update handed to the split. */
    private static final class Update implements SecondCore.RangeTask {
        private ElementUpdate update;

        @Override
        public void run(int from, int to) {
            update.apply(from, to);
        }
    }
}

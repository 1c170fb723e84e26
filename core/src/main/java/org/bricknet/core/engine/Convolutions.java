package org.bricknet.core.engine;

import java.util.Arrays;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Engine.Work;

/**
 * A convolution layer's forward and backward pass over a mini-batch ({@link Ops#convolve},
 * {@link Ops#convolveBackward}), one image at a time so that an image's column matrix stays in the
 * core's cache between its unrolling and its product.
 *
 * <p>With {@code K = C·KH·KW}, {@code P = OH·OW} and the column matrix of image n extended by a row
 * of ones, {@code col₁[n] = [im2col(x[n]); 1ᵀ]} ({@code (K+1) x P}):
 *
 * <ul>
 *   <li>forward: {@code y[n] = [W | b]·col₁[n]}, the bias inside the product;
 *   <li>backward: {@code [∇W | ∇b] = Σ_n dy[n]·col₁[n]ᵀ}, the bias gradient inside the product, and
 *       when the input gradient is wanted {@code dx[n] = col2im(Wᵀ·dy[n])}.
 * </ul>
 *
 * <p>Followed by the rectifier and max pooling ({@link Ops#convolveRectifyPool}), the image's
 * {@code y[n]} is made in a scratch array that stays in the cache and pooled there, and the pooled
 * values are rectified: {@code max(maxᵥ yᵥ, 0) = maxᵥ max(yᵥ, 0)} exactly, and a window whose
 * maximum is positive has the same first winner either way. Backward sends each window's gradient
 * to its winner in the scratch array when the window's maximum is positive (the rectifier's mask,
 * read at the winner), then runs the same products on it. So the convolution's output and its
 * gradient never travel to memory, and every bit is that of the three passes one after another.
 *
 * <p>Two cores take the images {@code [0, N/2)} and {@code [N/2, N)}, each image's products on its
 * core ({@link Blas#gemmHere}); each half sums its own {@code [∇W | ∇b]}, and the two sums are
 * added in that order, so the result does not depend on who ran which half.
 */
final class Convolutions {
    private Convolutions() {}

    /** Per thread: an image's column matrix, its input gradient's, and its output (or output gradient). */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[3][0]);

    private static final ThreadLocal<Pass> PASS = ThreadLocal.withInitial(Pass::new);

    static void forward(Tensor x, Tensor w, Tensor b, int stride, int pad, Tensor y) {
        Pass p = PASS.get();
        p.set("convolve", x, w, stride, pad, null, null, null);
        p.require("output", new int[] {p.n, p.filters, p.g.oh(), p.g.ow()}, y);
        p.out = y.data();
        p.forward(w, b);
    }

    static void forwardPooled(
            Tensor x, Tensor w, Tensor b, int stride, int pad, Patches window, Tensor pooled, int[] argmax) {
        Pass p = PASS.get();
        p.set("convolveRectifyPool", x, w, stride, pad, window, pooled, argmax);
        p.forward(w, b);
    }

    static void backward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dw, Tensor db, Tensor dx) {
        Pass p = PASS.get();
        p.set("convolveBackward", x, w, stride, pad, null, null, null);
        p.require("output gradient", new int[] {p.n, p.filters, p.g.oh(), p.g.ow()}, dy);
        p.backward(w, dy, dw, db, dx);
    }

    static void backwardPooled(
            Tensor x,
            Tensor w,
            Tensor pooled,
            int[] argmax,
            Tensor dy,
            int stride,
            int pad,
            Patches window,
            Tensor dw,
            Tensor db,
            Tensor dx) {
        Pass p = PASS.get();
        p.set("convolveRectifyPoolBackward", x, w, stride, pad, window, pooled, argmax);
        p.require("output gradient", pooled.shape(), dy);
        p.backward(w, dy, dw, db, dx);
    }

    /** One pass over a batch, reused by its calling thread so that a pass allocates nothing after the first. */
    private static final class Pass implements SecondCore.RangeTask {
        private String op;
        private Patches g;
        private int n;
        private int filters;
        private int k;
        private int p;
        private double[] x;
        private double[] w;
        private double[] wb = new double[0];
        private double[] out;
        private double[] dy;
        private double[] dx;
        /** The pooling after the rectifier, or null; its output and the place of each window's winner. */
        private Patches window;

        private double[] pooled;
        private int[] argmax;
        /** The two halves' sums of {@code [∇W | ∇b]}. */
        private final double[][] sums = {new double[0], new double[0]};
        /** Time in unrolling, in products and in pooling, per half, when counting. */
        private final long[][] nanos = new long[3][2];

        private boolean timing;

        void set(
                String op,
                Tensor images,
                Tensor filterBank,
                int stride,
                int pad,
                Patches pooling,
                Tensor pooledValues,
                int[] winners) {
            this.op = op;
            if (images.rank() != 4 || filterBank.rank() != 4 || filterBank.dim(1) != images.dim(1)) {
                throw new IllegalArgumentException(
                        "Ops." + op + ": expected images (N, C, H, W) and filters (FN, C, KH," + " KW), got "
                                + images.shapeString() + " and " + filterBank.shapeString());
            }
            g = new Patches(
                    images.dim(1), images.dim(2), images.dim(3), filterBank.dim(2), filterBank.dim(3), stride, pad);
            n = images.dim(0);
            filters = filterBank.dim(0);
            k = g.patchSize();
            p = g.outputSize();
            window = pooling;
            if (pooling != null) {
                if (pooling.channels() != filters || pooling.height() != g.oh() || pooling.width() != g.ow()) {
                    throw new IllegalArgumentException("Ops." + op + ": expected pooling windows over the"
                            + " convolution's output " + Tensor.shapeString(new int[] {filters, g.oh(), g.ow()})
                            + ", got windows over "
                            + Tensor.shapeString(new int[] {pooling.channels(), pooling.height(), pooling.width()}));
                }
                require("output", new int[] {n, filters, pooling.oh(), pooling.ow()}, pooledValues);
                if (winners.length != pooledValues.size()) {
                    throw new IllegalArgumentException("Ops." + op + ": expected " + pooledValues.size()
                            + " places of the maxima, one per output, got " + winners.length);
                }
                pooled = pooledValues.data();
                argmax = winners;
            }
            x = images.data();
            w = filterBank.data();
            if (wb.length != filters * (k + 1)) {
                wb = new double[filters * (k + 1)];
                sums[0] = new double[filters * (k + 1)];
                sums[1] = new double[filters * (k + 1)];
            }
        }

        void require(String what, int[] shape, Tensor t) {
            if (!t.hasShape(shape)) {
                throw new IllegalArgumentException("Ops." + op + ": expected the " + what + " of shape "
                        + Tensor.shapeString(shape) + ", got " + t.shapeString());
            }
        }

        void forward(Tensor filterBank, Tensor b) {
            require("bias", new int[] {filters}, b);
            double[] wd = filterBank.data();
            double[] bd = b.data();
            for (int f = 0; f < filters; f++) {
                System.arraycopy(wd, f * k, wb, f * (k + 1), k);
                wb[f * (k + 1) + k] = bd[f];
            }
            dy = null;
            dx = null;
            run();
        }

        void backward(Tensor filterBank, Tensor gradient, Tensor dw, Tensor db, Tensor dxOrNull) {
            require("filter gradient", filterBank.shape(), dw);
            require("bias gradient", new int[] {filters}, db);
            if (dxOrNull != null) {
                require("input gradient", new int[] {n, g.channels(), g.height(), g.width()}, dxOrNull);
            }
            dy = gradient.data();
            dx = dxOrNull == null ? null : dxOrNull.data();
            run();
            int k1 = k + 1;
            double[] lower = sums[0];
            double[] upper = sums[1];
            double[] dwd = dw.data();
            double[] dbd = db.data();
            for (int f = 0; f < filters; f++) {
                for (int j = 0; j < k; j++) {
                    dwd[f * k + j] = lower[f * k1 + j] + upper[f * k1 + j];
                }
                dbd[f] = lower[f * k1 + k] + upper[f * k1 + k];
            }
        }

        private void run() {
            long start = Counters.start();
            timing = start != Counters.OFF;
            for (long[] t : nanos) {
                Arrays.fill(t, 0);
            }
            long mnk = (long) filters * (k + 1) * p;
            long flops = 2 * mnk * n + (dx == null ? 0 : 2L * filters * k * p * n);
            if (n == 0) {
                Arrays.fill(sums[1], 0.0);
            }
            try {
                if (n >= 2 && 2 * mnk * n >= Blas.SPLIT_MIN_FLOPS) {
                    SecondCore.split(n, n / 2, this);
                } else {
                    run(0, n / 2);
                    run(n / 2, n);
                }
            } finally {
                x = null;
                w = null;
                out = null;
                dy = null;
                dx = null;
                pooled = null;
                argmax = null;
            }
            if (timing) {
                // the pass's time on this thread, shared out as both halves' timers saw it
                long all = System.nanoTime() - start;
                double total = Math.max(1, spent(0) + spent(1) + spent(2));
                Counters.add(Work.PATCHES, Math.round(all * spent(0) / total), 0);
                Counters.add(Work.PRODUCTS, Math.round(all * spent(1) / total), flops);
                Counters.add(Work.POOLING, Math.round(all * spent(2) / total), 0);
            }
        }

        /** Both halves' time in unrolling (0), products (1) or pooling (2). */
        private double spent(int what) {
            return nanos[what][0] + nanos[what][1];
        }

        @Override
        public void run(int from, int to) {
            int half = from == 0 && to == n / 2 ? 0 : 1; // the parts are [0, N/2) and [N/2, N)
            double[][] scratch = SCRATCH.get();
            int k1 = k + 1;
            int outs = filters * p;
            if (scratch[0].length < k1 * p) {
                scratch[0] = new double[k1 * p];
            }
            if (dx != null && scratch[1].length < k * p) {
                scratch[1] = new double[k * p];
            }
            if (window != null && scratch[2].length < outs + 1) {
                scratch[2] = new double[outs + 1];
            }
            double[] col = scratch[0];
            Arrays.fill(col, k * p, k1 * p, 1.0); // the row of ones
            if (dy != null && from == to) {
                Arrays.fill(sums[half], 0.0);
            }
            int image = g.imageSize();
            // the image's output or output gradient: in the batch's array, or in the scratch array when pooled
            double[] y = window == null ? (dy == null ? out : dy) : scratch[2];
            for (int i = from; i < to; i++) {
                int at = window == null ? i * outs : 0;
                long t0 = timing ? System.nanoTime() : 0;
                g.im2col(x, i * image, col, 0);
                long t1 = timing ? System.nanoTime() : 0;
                long t2 = t1;
                if (dy != null && window != null) {
                    unpool(i, y);
                    t2 = timing ? System.nanoTime() : 0;
                }
                if (dy == null) {
                    Blas.gemmHere(false, false, filters, p, k1, 1.0, wb, 0, col, 0, 0.0, y, at);
                } else {
                    // [∇W | ∇b] += dy[i]·col₁ᵀ
                    Blas.gemmHere(false, true, filters, k1, p, 1.0, y, at, col, 0, i == from ? 0 : 1, sums[half], 0);
                    if (dx != null) {
                        Blas.gemmHere(true, false, k, p, filters, 1.0, w, 0, y, at, 0.0, scratch[1], 0); // Wᵀ·dy[i]
                    }
                }
                long t3 = timing ? System.nanoTime() : 0;
                if (dy == null && window != null) {
                    pool(i, y);
                }
                if (dx != null) {
                    Arrays.fill(dx, i * image, (i + 1) * image, 0.0);
                    g.col2im(scratch[1], 0, dx, i * image);
                }
                if (timing) {
                    long t4 = System.nanoTime();
                    boolean pools = dy == null && window != null;
                    nanos[0][half] += t1 - t0 + (pools ? 0 : t4 - t3);
                    nanos[1][half] += t3 - t2;
                    nanos[2][half] += t2 - t1 + (pools ? t4 - t3 : 0);
                }
            }
        }

        /** Image i's windows of its output {@code y} (in the scratch array): the maxima, their winners, rectified. */
        private void pool(int i, double[] y) {
            int o = i * filters * window.outputSize();
            Pooling.max(window, y, 0, filters, pooled, argmax, o);
            for (int end = o + filters * window.outputSize(); o < end; o++) {
                pooled[o] = Math.max(pooled[o], 0.0);
            }
        }

        /**
         * Image i's output gradient into {@code y}: each window's gradient at its winner when its
         * maximum is positive, 0 elsewhere; an integer select sends the others to a cell past the
         * end (a branch would be mispredicted about every other window).
         */
        private void unpool(int i, double[] y) {
            int outs = filters * p;
            Arrays.fill(y, 0, outs + 1, 0.0);
            int o = i * filters * window.outputSize();
            for (int end = o + filters * window.outputSize(); o < end; o++) {
                int at = pooled[o] > 0 ? argmax[o] : outs;
                y[at] += dy[o];
            }
        }
    }
}

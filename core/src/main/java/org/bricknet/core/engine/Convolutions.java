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
 * <p>Two cores take the images {@code [0, N/2)} and {@code [N/2, N)}, each image's products on its
 * core ({@link Blas#gemmHere}); each half sums its own {@code [∇W | ∇b]}, and the two sums are
 * added in that order, so the result does not depend on who ran which half.
 */
final class Convolutions {
    private Convolutions() {}

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);
    private static final ThreadLocal<Pass> PASS = ThreadLocal.withInitial(Pass::new);

    static void forward(Tensor x, Tensor w, Tensor b, int stride, int pad, Tensor y) {
        Pass p = PASS.get();
        p.set("convolve", x, w, stride, pad, y, "output");
        require("convolve", "bias", new int[] {p.filters}, b);
        double[] wb = p.wb;
        double[] wd = w.data();
        double[] bd = b.data();
        for (int f = 0; f < p.filters; f++) {
            System.arraycopy(wd, f * p.k, wb, f * (p.k + 1), p.k);
            wb[f * (p.k + 1) + p.k] = bd[f];
        }
        p.dy = null;
        p.run();
    }

    static void backward(Tensor x, Tensor w, Tensor dy, int stride, int pad, Tensor dw, Tensor db, Tensor dx) {
        Pass p = PASS.get();
        p.set("convolveBackward", x, w, stride, pad, dy, "output gradient");
        require("convolveBackward", "filter gradient", w.shape(), dw);
        require("convolveBackward", "bias gradient", new int[] {p.filters}, db);
        if (dx != null) {
            require("convolveBackward", "input gradient", x.shape(), dx);
        }
        p.dy = dy.data();
        p.dx = dx == null ? null : dx.data();
        p.run();
        int k1 = p.k + 1;
        double[] lower = p.sums[0];
        double[] upper = p.sums[1];
        double[] dwd = dw.data();
        double[] dbd = db.data();
        for (int f = 0; f < p.filters; f++) {
            for (int j = 0; j < p.k; j++) {
                dwd[f * p.k + j] = lower[f * k1 + j] + upper[f * k1 + j];
            }
            dbd[f] = lower[f * k1 + p.k] + upper[f * k1 + p.k];
        }
    }

    private static void require(String op, String what, int[] shape, Tensor t) {
        if (!t.hasShape(shape)) {
            throw new IllegalArgumentException("Ops." + op + ": expected the " + what + " of shape "
                    + Tensor.shapeString(shape) + ", got " + t.shapeString());
        }
    }

    /** One pass over a batch, reused by its calling thread so that a pass allocates nothing after the first. */
    private static final class Pass implements SecondCore.RangeTask {
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
        /** The two halves' sums of {@code [∇W | ∇b]}. */
        private final double[][] sums = {new double[0], new double[0]};
        /** Time in unrolling and in products, per half, when counting. */
        private final long[] patchNanos = new long[2];

        private final long[] productNanos = new long[2];
        private boolean timing;

        void set(String op, Tensor images, Tensor filterBank, int stride, int pad, Tensor yOrDy, String what) {
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
            require(op, what, new int[] {n, filters, g.oh(), g.ow()}, yOrDy);
            x = images.data();
            w = filterBank.data();
            out = yOrDy.data();
            if (wb.length != filters * (k + 1)) {
                wb = new double[filters * (k + 1)];
                sums[0] = new double[filters * (k + 1)];
                sums[1] = new double[filters * (k + 1)];
            }
        }

        void run() {
            long start = Counters.start();
            timing = start != Counters.OFF;
            Arrays.fill(patchNanos, 0);
            Arrays.fill(productNanos, 0);
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
            }
            if (timing) {
                long all = System.nanoTime() - start;
                double patches = patchNanos[0] + patchNanos[1];
                double share = patches / Math.max(1, patches + productNanos[0] + productNanos[1]);
                Counters.add(Work.PATCHES, Math.round(all * share), 0);
                Counters.add(Work.PRODUCTS, Math.round(all * (1 - share)), flops);
            }
        }

        @Override
        public void run(int from, int to) {
            int half = from == 0 && to == n / 2 ? 0 : 1; // the parts are [0, N/2) and [N/2, N)
            double[][] scratch = SCRATCH.get();
            int k1 = k + 1;
            if (scratch[0].length < k1 * p) {
                scratch[0] = new double[k1 * p];
            }
            double[] col = scratch[0];
            Arrays.fill(col, k * p, k1 * p, 1.0); // the row of ones
            if (dy != null && from == to) {
                Arrays.fill(sums[half], 0.0);
            }
            if (dx != null && scratch[1].length < k * p) {
                scratch[1] = new double[k * p];
            }
            int image = g.imageSize();
            int outs = filters * p;
            for (int i = from; i < to; i++) {
                long t0 = timing ? System.nanoTime() : 0;
                g.im2col(x, i * image, col, 0);
                long t1 = timing ? System.nanoTime() : 0;
                if (dy == null) {
                    Blas.gemmHere(false, false, filters, p, k1, 1.0, wb, 0, col, 0, 0.0, out, i * outs);
                } else {
                    // [∇W | ∇b] += dy[i]·col₁ᵀ
                    Blas.gemmHere(
                            false, true, filters, k1, p, 1.0, dy, i * outs, col, 0, i == from ? 0 : 1, sums[half], 0);
                }
                long t2 = timing ? System.nanoTime() : 0;
                long t3 = t2;
                if (dx != null) {
                    double[] dcol = scratch[1];
                    Blas.gemmHere(true, false, k, p, filters, 1.0, w, 0, dy, i * outs, 0.0, dcol, 0); // Wᵀ·dy[i]
                    t3 = timing ? System.nanoTime() : 0;
                    Arrays.fill(dx, i * image, (i + 1) * image, 0.0);
                    g.col2im(dcol, 0, dx, i * image);
                }
                if (timing) {
                    patchNanos[half] += t1 - t0 + (dx != null ? System.nanoTime() - t3 : 0);
                    productNanos[half] += t3 - t1;
                }
            }
        }
    }
}

package org.bricknet.core.engine;

import java.util.Arrays;
import org.bricknet.core.Tensor;

/**
 * Max pooling over a mini-batch ({@link Ops#maxPool}, {@link Ops#maxPoolBackward}): each channel of
 * each image (a plane) on its own, the planes {@code [0, P/2)} on one core and {@code [P/2, P)} on
 * the other.
 *
 * <p>Which cell of a window wins is as good as random, so a comparison that branches is mispredicted
 * about once a window (that cost five times the rest). So the maximum is {@link Math#max} folded
 * over the window (no branch; a NaN makes it NaN, as PyTorch's {@code max_pool2d}), and the winner
 * is the first cell whose bits equal it, found with integer selects. 2x2 windows with stride 2, the
 * usual pooling, have a loop of their own, which with the Vector API ({@code --add-modules
 * jdk.incubator.vector}) takes two windows per 256-bit vector ({@code Lanes}): the scalar loop
 * spends about 13 cycles a window on {@link Math#max}'s NaN handling and the selects, twice what
 * reading the input from memory costs.
 */
final class Pooling {
    private Pooling() {}

    private static final boolean VECTOR_API =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && Lanes.wide();

    private static final ThreadLocal<Pass> PASS = ThreadLocal.withInitial(Pass::new);

    static void forward(Tensor x, Patches g, Tensor y, int[] argmax) {
        Pass p = PASS.get();
        p.set("maxPool", x, g, y, "output", argmax);
        p.forward = true;
        p.run(x.dim(0) * g.channels());
    }

    static void backward(Tensor dy, int[] argmax, Patches g, Tensor dx) {
        Pass p = PASS.get();
        p.set("maxPoolBackward", dx, g, dy, "output gradient", argmax);
        p.forward = false;
        p.run(dx.dim(0) * g.channels());
    }

    /** A pass over planes, reused by its calling thread. */
    private static final class Pass implements SecondCore.RangeTask {
        private Patches g;
        private double[] image;
        private double[] pooled;
        private int[] argmax;
        private boolean forward;

        void set(String op, Tensor images, Patches window, Tensor out, String what, int[] where) {
            int[] in = {images.rank() == 4 ? images.dim(0) : -1, window.channels(), window.height(), window.width()};
            if (!images.hasShape(in)) {
                throw new IllegalArgumentException("Ops." + op + ": expected images of shape (N, " + window.channels()
                        + ", " + window.height() + ", " + window.width() + "), got " + images.shapeString());
            }
            int[] shape = {in[0], window.channels(), window.oh(), window.ow()};
            if (!out.hasShape(shape)) {
                throw new IllegalArgumentException("Ops." + op + ": expected the " + what + " of shape "
                        + Tensor.shapeString(shape) + ", got " + out.shapeString());
            }
            if (where.length != out.size()) {
                throw new IllegalArgumentException("Ops." + op + ": expected " + out.size()
                        + " places of the maxima, one per output, got " + where.length);
            }
            this.g = window;
            this.image = images.data();
            this.pooled = out.data();
            this.argmax = where;
        }

        void run(int planes) {
            long start = Counters.start();
            try {
                if ((long) planes * g.imageSize() / g.channels() < SecondCore.SPLIT_MIN_VALUES || planes < 2) {
                    run(0, planes);
                } else {
                    SecondCore.split(planes, planes / 2, this);
                }
            } finally {
                image = null;
                pooled = null;
                argmax = null;
                Counters.stop(Engine.Work.POOLING, start);
            }
        }

        @Override
        public void run(int from, int to) {
            if (forward) {
                max(g, image, from, to, pooled, argmax, from * g.oh() * g.ow());
                return;
            }
            // one plane at a time, so that the plane is still in the cache when its gradients land
            int plane = g.height() * g.width();
            int outs = g.oh() * g.ow();
            for (int p = from; p < to; p++) {
                Arrays.fill(image, p * plane, (p + 1) * plane, 0.0);
                for (int o = p * outs, end = o + outs; o < end; o++) {
                    image[argmax[o]] += pooled[o];
                }
            }
        }
    }

    /**
     * The maximum of each window of planes {@code [from, to)} of {@code x} into {@code pooled} from
     * {@code pooled[o]} on, and the index in {@code x} of the first cell that holds it into
     * {@code argmax}.
     */
    static void max(Patches g, double[] x, int from, int to, double[] pooled, int[] argmax, int o) {
        if (g.kh() == 2 && g.kw() == 2 && g.stride() == 2 && g.pad() == 0) {
            max2x2(g, x, from, to, pooled, argmax, o);
            return;
        }
        int h = g.height();
        int w = g.width();
        int s = g.stride();
        int pad = g.pad();
        int oh = g.oh();
        int ow = g.ow();
        for (int plane = from; plane < to; plane++) {
            int base = plane * h * w;
            for (int oy = 0; oy < oh; oy++) {
                int y0 = Math.max(0, oy * s - pad);
                int y1 = Math.min(h, oy * s - pad + g.kh());
                for (int ox = 0; ox < ow; ox++, o++) {
                    int x0 = Math.max(0, ox * s - pad);
                    int x1 = Math.min(w, ox * s - pad + g.kw());
                    double best = x[base + y0 * w + x0];
                    for (int iy = y0; iy < y1; iy++) {
                        for (int q = base + iy * w + x0, end = q + x1 - x0; q < end; q++) {
                            best = Math.max(best, x[q]);
                        }
                    }
                    long bits = Double.doubleToRawLongBits(best);
                    int at = base + (y1 - 1) * w + x1 - 1;
                    for (int iy = y1 - 1; iy >= y0; iy--) {
                        for (int q = base + iy * w + x1 - 1, end = q - (x1 - x0); q > end; q--) {
                            at = Double.doubleToRawLongBits(x[q]) == bits ? q : at;
                        }
                    }
                    pooled[o] = best;
                    argmax[o] = at;
                }
            }
        }
    }

    /** {@link #max} for 2x2 windows, stride 2, no padding, unrolled. */
    private static void max2x2(Patches g, double[] x, int from, int to, double[] pooled, int[] argmax, int o) {
        int h = g.height();
        int w = g.width();
        int oh = g.oh();
        int ow = g.ow();
        for (int plane = from; plane < to; plane++) {
            for (int oy = 0; oy < oh; oy++) {
                int row = plane * h * w + 2 * oy * w;
                int ox = VECTOR_API ? Lanes.max2x2(x, row, w, ow, pooled, argmax, o) : 0;
                o += ox;
                for (; ox < ow; ox++, o++) {
                    int q = row + 2 * ox;
                    double a0 = x[q];
                    double a1 = x[q + 1];
                    double b0 = x[q + w];
                    double b1 = x[q + w + 1];
                    double best = Math.max(Math.max(a0, a1), Math.max(b0, b1));
                    long bits = Double.doubleToRawLongBits(best);
                    int at = q + w + 1;
                    at = Double.doubleToRawLongBits(b0) == bits ? q + w : at;
                    at = Double.doubleToRawLongBits(a1) == bits ? q + 1 : at;
                    at = Double.doubleToRawLongBits(a0) == bits ? q : at;
                    pooled[o] = best;
                    argmax[o] = at;
                }
            }
        }
    }

    /**
     * The scalar 2x2 loop's row of windows on 256-bit vectors, two windows of rows {@code a} (at
     * {@code row}) and {@code b} (at {@code row + w}) per vector: {@code m = max(a, b)} lane by lane,
     * then each lane's maximum with its neighbour's, so both lanes of a window hold its maximum
     * {@code max(max(a₀, b₀), max(a₁, b₁))} ({@link Math#max}'s rules, lane by lane; the fold differs
     * from the scalar loop's only in which of several NaNs is kept). The winner is
     * the smallest index among the cells whose bits equal it, which is the first of
     * {@code a₀, a₁, b₀, b₁}, as in the scalar loop. Loaded only when the Vector API module is present.
     */
    private static final class Lanes {
        private static final jdk.incubator.vector.VectorSpecies<Double> D =
                jdk.incubator.vector.DoubleVector.SPECIES_256;
        private static final jdk.incubator.vector.VectorSpecies<Long> L = jdk.incubator.vector.LongVector.SPECIES_256;
        private static final jdk.incubator.vector.VectorSpecies<Double> HALF =
                jdk.incubator.vector.DoubleVector.SPECIES_128;
        private static final jdk.incubator.vector.VectorSpecies<Integer> INTS =
                jdk.incubator.vector.IntVector.SPECIES_64;
        private static final jdk.incubator.vector.VectorShuffle<Double> NEIGHBOUR =
                jdk.incubator.vector.VectorShuffle.fromOp(D, i -> i ^ 1);
        private static final jdk.incubator.vector.VectorShuffle<Long> NEIGHBOUR_L =
                jdk.incubator.vector.VectorShuffle.fromOp(L, i -> i ^ 1);
        private static final jdk.incubator.vector.VectorShuffle<Double> EVENS =
                jdk.incubator.vector.VectorShuffle.fromOp(D, i -> (2 * i) % 4);
        private static final jdk.incubator.vector.VectorShuffle<Long> EVENS_L =
                jdk.incubator.vector.VectorShuffle.fromOp(L, i -> (2 * i) % 4);
        /** Lane numbers 0, 1, 2, 3. */
        private static final jdk.incubator.vector.LongVector LANE =
                jdk.incubator.vector.LongVector.zero(L).addIndex(1);
        /** The odd lane of each pair: 1, 1, 3, 3. */
        private static final jdk.incubator.vector.LongVector ODD = LANE.or(1);

        /** Whether the machine has 256-bit vectors (else the scalar loop is faster). */
        static boolean wide() {
            return jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
        }

        /**
         * Writes the windows {@code [0, k)} of the row for the largest even {@code k <= ow} and
         * returns {@code k}; the caller does the rest.
         */
        static int max2x2(double[] x, int row, int w, int ow, double[] pooled, int[] argmax, int o) {
            int end = 2 * ow - 3; // a vector of 4 values covers 2 windows
            int t = 0;
            for (; t < end; t += 4, o += 2) {
                int q = row + t;
                var a = jdk.incubator.vector.DoubleVector.fromArray(D, x, q);
                var b = jdk.incubator.vector.DoubleVector.fromArray(D, x, q + w);
                var m = a.lanewise(jdk.incubator.vector.VectorOperators.MAX, b);
                var best = m.lanewise(jdk.incubator.vector.VectorOperators.MAX, m.rearrange(NEIGHBOUR));
                var bits = best.reinterpretAsLongs();
                var inA = a.reinterpretAsLongs().compare(jdk.incubator.vector.VectorOperators.EQ, bits);
                var inB = b.reinterpretAsLongs().compare(jdk.incubator.vector.VectorOperators.EQ, bits);
                // each lane's index if its cell holds the maximum (a before b), else b₁'s
                var at = ODD.add(q + w).blend(LANE.add(q + w), inB).blend(LANE.add(q), inA);
                at = at.min(at.rearrange(NEIGHBOUR_L));
                ((jdk.incubator.vector.DoubleVector) best.rearrange(EVENS).reinterpretShape(HALF, 0))
                        .intoArray(pooled, o);
                ((jdk.incubator.vector.IntVector)
                                at.rearrange(EVENS_L).convertShape(jdk.incubator.vector.VectorOperators.L2I, INTS, 0))
                        .intoArray(argmax, o);
            }
            return t / 2;
        }
    }
}

package org.bricknet.core.engine;

import org.bricknet.core.Tensor;

/**
 * The rectifier's passes ({@link Ops#rectify}, {@link Ops#keepWherePositive}), each over two halves
 * of the elements on the two cores when there are enough of them. Keeping {@code d} where
 * {@code y > 0} is a select whose outcome is as good as random, so it is done with the Vector API's
 * masks when the module is present ({@code --add-modules jdk.incubator.vector}): a branch there is
 * mispredicted about every other element, which cost five times the memory traffic. The maximum is
 * left to the JIT, which compiles {@link Math#max} in a loop to vector instructions of its own.
 */
final class ElementWise {
    private ElementWise() {}

    private static final boolean VECTOR_API =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private static final ThreadLocal<Pass> PASS = ThreadLocal.withInitial(Pass::new);

    static void rectify(Tensor x, Tensor y) {
        same("rectify", "output", x, y);
        Pass p = PASS.get();
        p.set(false, x.data(), null, y.data());
        p.run();
    }

    static void keepWherePositive(Tensor y, Tensor d, Tensor out) {
        same("keepWherePositive", "gradient", y, d);
        same("keepWherePositive", "output", y, out);
        Pass p = PASS.get();
        p.set(true, y.data(), d.data(), out.data());
        p.run();
    }

    private static void same(String op, String what, Tensor expected, Tensor actual) {
        if (!actual.sameShape(expected)) {
            throw new IllegalArgumentException("Ops." + op + ": expected the " + what + " of shape "
                    + expected.shapeString() + ", got " + actual.shapeString());
        }
    }

    /** One pass, reused by its calling thread so that a pass allocates nothing. */
    private static final class Pass implements SecondCore.RangeTask {
        private boolean keep;
        private double[] a;
        private double[] d;
        private double[] out;

        void set(boolean keep, double[] a, double[] d, double[] out) {
            this.keep = keep;
            this.a = a;
            this.d = d;
            this.out = out;
        }

        void run() {
            long start = Counters.start();
            try {
                if (out.length < SecondCore.SPLIT_MIN_VALUES) {
                    run(0, out.length);
                } else {
                    SecondCore.split(out.length, this);
                }
            } finally {
                set(false, null, null, null);
                Counters.stop(Engine.Work.ELEMENT_WISE, start);
            }
        }

        @Override
        public void run(int from, int to) {
            if (!keep) {
                for (int i = from; i < to; i++) {
                    out[i] = Math.max(a[i], 0.0);
                }
            } else if (VECTOR_API) {
                Masked.keepWherePositive(a, d, out, from, to);
            } else {
                scalarKeep(a, d, out, from, to);
            }
        }
    }

    static void scalarKeep(double[] y, double[] d, double[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = y[i] > 0 ? d[i] : 0.0;
        }
    }

    /** Loaded only when the Vector API module is present. */
    private static final class Masked {
        private static final jdk.incubator.vector.VectorSpecies<Double> SPECIES =
                jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;

        static void keepWherePositive(double[] y, double[] d, double[] out, int from, int to) {
            var zero = jdk.incubator.vector.DoubleVector.zero(SPECIES);
            int i = from;
            for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += SPECIES.length()) {
                var positive = jdk.incubator.vector.DoubleVector.fromArray(SPECIES, y, i)
                        .compare(jdk.incubator.vector.VectorOperators.GT, 0.0);
                zero.blend(jdk.incubator.vector.DoubleVector.fromArray(SPECIES, d, i), positive)
                        .intoArray(out, i);
            }
            scalarKeep(y, d, out, i, to);
        }
    }
}

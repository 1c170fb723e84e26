package org.bricknet.core.engine;

/**
 * Whether a range of an array holds only finite numbers: {@code x·0} is 0 for a finite {@code x}
 * and NaN for an infinite or NaN one, so the sum of those products is 0 exactly when all are
 * finite. With the Vector API ({@code --add-modules jdk.incubator.vector}) the sums run a SIMD
 * register wide, else four scalar sums run side by side.
 */
final class Finite {
    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    private static final boolean VECTOR_API =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Finite() {}

    static boolean scan(double[] a, int from, int to) {
        return VECTOR_API ? VectorScan.finite(a, from, to) : scalar(a, from, to);
    }

    static int vectorBits() {
        return VECTOR_API ? VectorScan.SPECIES.vectorBitSize() : 0;
    }

    /** Loaded only when the Vector API module is present. */
    private static final class VectorScan {
        private static final jdk.incubator.vector.VectorSpecies<Double> SPECIES =
                jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;

        static boolean finite(double[] a, int from, int to) {
            var sum = jdk.incubator.vector.DoubleVector.zero(SPECIES);
            int i = from;
            for (int upper = from + SPECIES.loopBound(to - from); i < upper; i += SPECIES.length()) {
                sum = sum.add(jdk.incubator.vector.DoubleVector.fromArray(SPECIES, a, i)
                        .mul(0.0));
            }
            return sum.reduceLanes(jdk.incubator.vector.VectorOperators.ADD) == 0 && scalar(a, i, to);
        }
    }

    /** Four sums, so that the loop is not bound by the latency of one addition. */
    static boolean scalar(double[] a, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i] * 0.0;
            s1 += a[i + 1] * 0.0;
            s2 += a[i + 2] * 0.0;
            s3 += a[i + 3] * 0.0;
        }
        for (; i < to; i++) {
            s0 += a[i] * 0.0;
        }
        return s0 + s1 + s2 + s3 == 0;
    }
}

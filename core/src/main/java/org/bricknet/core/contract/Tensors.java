package org.bricknet.core.contract;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for shapes and tensors, for layer tests and {@link LayerContract}s.
 *
 * <pre>{@code
 * Tensors.of(Tensors.shapes(8, 16))                  // (N, 16), N in 1..8, elements in [-2, 2]
 * Tensors.ofShape(3, 4).between(-5, 5)               // (3, 4)
 * Tensors.of(Tensors.matrixShapes(8, 16)).awayFrom(0.1, 0.0)   // for ReLU: no element near 0
 * }</pre>
 */
public final class Tensors {
    /** Default element range. */
    public static final double DEFAULT_MIN = -2;

    public static final double DEFAULT_MAX = 2;
    /** Default decimal places of generated elements. */
    public static final int DEFAULT_SCALE = 6;

    private Tensors() {}

    /** Tensors of exactly {@code shape}. */
    public static TensorArbitrary ofShape(int... shape) {
        return of(Arbitraries.just(shape.clone()));
    }

    /** Tensors whose shape comes from {@code shapes}. */
    public static TensorArbitrary of(Arbitrary<int[]> shapes) {
        return new TensorArbitrary(shapes, DEFAULT_MIN, DEFAULT_MAX, DEFAULT_SCALE, 0, new double[0]);
    }

    /** {@code (N, tail...)} with the batch {@code N} in {@code 1..maxBatch} and a fixed tail. */
    public static Arbitrary<int[]> shapes(int maxBatch, int... tail) {
        int[] t = tail.clone();
        return Arbitraries.integers().between(1, maxBatch).map(n -> {
            int[] s = new int[t.length + 1];
            s[0] = n;
            System.arraycopy(t, 0, s, 1, t.length);
            return s;
        });
    }

    /** {@code (N, D)} with {@code N} in {@code 1..maxBatch} and {@code D} in {@code 1..maxCols}. */
    public static Arbitrary<int[]> matrixShapes(int maxBatch, int maxCols) {
        return Combinators.combine(
                        Arbitraries.integers().between(1, maxBatch),
                        Arbitraries.integers().between(1, maxCols))
                .as((n, d) -> new int[] {n, d});
    }

    /** Shapes of rank {@code minRank..maxRank}, every dimension in {@code 1..maxDim}. */
    public static Arbitrary<int[]> shapes(int minRank, int maxRank, int maxDim) {
        return Arbitraries.integers()
                .between(1, maxDim)
                .array(int[].class)
                .ofMinSize(minRank)
                .ofMaxSize(maxRank);
    }
}

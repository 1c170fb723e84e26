package org.bricknet.core;

/** Reading targets given either as class indices or as one-hot rows. */
public final class Targets {
    private Targets() {}

    /**
     * The class index of each of {@code n} rows: {@code targets} is {@code (n,)} or {@code (n, 1)}
     * holding indices in {@code [0, k)}, or {@code (n, k)} holding one-hot rows.
     */
    public static int[] classIndices(String who, Tensor targets, int n, int k) {
        return classIndices(who, targets, n, k, null);
    }

    /** As {@link #classIndices(String, Tensor, int, int)}, into {@code into} when it holds n ints. */
    public static int[] classIndices(String who, Tensor targets, int n, int k, int[] into) {
        double[] t = targets.data();
        int[] out = into != null && into.length == n ? into : new int[n];
        if (isOneHot(targets, n, k)) {
            for (int i = 0; i < n; i++) {
                out[i] = argmax(t, i * k, k);
            }
            return out;
        }
        if (targets.rows() != n || targets.size() != n) {
            throw new IllegalArgumentException(who + ": expected targets of shape (" + n
                    + ",) as class indices or (" + n + ", " + k + ") as one-hot rows, got "
                    + targets.shapeString());
        }
        for (int i = 0; i < n; i++) {
            double v = t[i];
            if (v != Math.rint(v) || v < 0 || v >= k) {
                throw new IllegalArgumentException(
                        who + ": target " + i + " must be a class index in [0, " + k + "), got " + v);
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** Whether {@code targets} is laid out as one-hot rows ({@code n x k} with k > 1). */
    public static boolean isOneHot(Tensor targets, int n, int k) {
        return k > 1 && targets.rank() == 2 && targets.dim(0) == n && targets.dim(1) == k;
    }

    /** The index of the largest of {@code len} values from {@code off}; the first one on ties. */
    public static int argmax(double[] v, int off, int len) {
        int best = 0;
        for (int j = 1; j < len; j++) {
            if (v[off + j] > v[off + best]) {
                best = j;
            }
        }
        return best;
    }
}

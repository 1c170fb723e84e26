package org.bricknet.spark;

import java.io.Serializable;

/**
 * The summed loss and gradient of some examples, the value Spark's {@code treeAggregate} carries
 * from the partitions to the driver: a block of {@code n} rows whose mean loss is {@code L} and
 * mean gradient {@code g} adds {@code n·L} and {@code n·g}.
 *
 * <p>Why the sums are pairs. Spark adds up the partitions' sums in whatever order their tasks
 * finish, and floating-point addition depends on the order. So every sum here is kept as two
 * doubles, {@code hi + lo}, where {@code lo} holds what rounding took from {@code hi} (Knuth's
 * TwoSum, the error-free addition behind "double-double" arithmetic), and it is rounded to one
 * double only once, on the driver ({@link #loss()}, {@link #gradient}). Adding {@code k} terms this
 * way is within about {@code k²·2⁻¹⁰⁶·Σ|terms|} of the exact sum, so two combine orders give the
 * same double unless the exact sum lies that close to the midpoint between two doubles: the result
 * does not depend on the order Spark chooses (a partition's own blocks are always added in the
 * partition's order). What does differ from a single machine's value is the way the examples are
 * grouped: one matrix product over all of them there, one per block here. Each block's
 * {@code n·L} and {@code n·g} and the final division by the example count round at the level of
 * the double precision ε (2.2e-16), so the two agree to a relative 1e-12 and better on the
 * project's tests; a gradient element that is itself the cancellation of large terms agrees
 * relative to those terms, not to its own size.
 *
 * <p>A partition that could not compute its part sets {@link #problem()} instead (the first in
 * partition order wins), so that the driver can say what went wrong in one line.
 */
final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private long rows;
    private double lossHi;
    private double lossLo;
    private double[] hi;
    private double[] lo;
    private int problemPartition = Integer.MAX_VALUE;
    private String problem;

    /**
     * Adds a block of {@code n} rows with mean loss {@code meanLoss} and mean gradient
     * {@code meanGradient}, given as the parameters' gradient arrays laid end to end.
     */
    void add(int n, double meanLoss, double[]... meanGradient) {
        if (hi == null) {
            int size = 0;
            for (double[] part : meanGradient) {
                size += part.length;
            }
            hi = new double[size];
            lo = new double[size];
        }
        rows += n;
        double a = n * meanLoss;
        double s = lossHi + a;
        lossLo += twoSumError(lossHi, a, s);
        lossHi = s;
        int i = 0;
        for (double[] part : meanGradient) {
            for (double g : part) {
                double v = n * g;
                double sum = hi[i] + v;
                lo[i] += twoSumError(hi[i], v, sum);
                hi[i++] = sum;
            }
        }
        if (i != hi.length) {
            throw new IllegalStateException(
                    "GradientSum: a gradient of " + i + " values added to sums of " + hi.length);
        }
    }

    /** Records that partition {@code partition} failed with {@code message}. */
    void fail(int partition, String message) {
        if (partition < problemPartition) {
            problemPartition = partition;
            problem = message;
        }
    }

    /** Adds {@code other} into this sum and returns this one (Spark's combine operation). */
    GradientSum merge(GradientSum other) {
        rows += other.rows;
        double s = lossHi + other.lossHi;
        lossLo += other.lossLo + twoSumError(lossHi, other.lossHi, s);
        lossHi = s;
        if (other.hi != null) {
            if (hi == null) {
                hi = other.hi.clone();
                lo = other.lo.clone();
            } else {
                if (other.hi.length != hi.length) {
                    throw new IllegalStateException("GradientSum: sums of " + hi.length + " and " + other.hi.length
                            + " values; the executors built networks of different sizes");
                }
                for (int i = 0; i < hi.length; i++) {
                    double sum = hi[i] + other.hi[i];
                    lo[i] += other.lo[i] + twoSumError(hi[i], other.hi[i], sum);
                    hi[i] = sum;
                }
            }
        }
        if (other.problem != null) {
            fail(other.problemPartition, other.problem);
        }
        return this;
    }

    /** The number of examples summed. */
    long rows() {
        return rows;
    }

    /** The summed loss, rounded once. */
    double loss() {
        return lossHi + lossLo;
    }

    /** Whether any gradient was added (false when every partition was empty). */
    boolean hasGradient() {
        return hi != null;
    }

    /** Writes the summed gradient, each element rounded once, divided by {@code divisor}, into {@code out}. */
    void gradient(double divisor, double[] out) {
        if (hi == null) {
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        if (out.length != hi.length) {
            throw new IllegalArgumentException(
                    "GradientSum: expected an array of " + hi.length + " values, got " + out.length);
        }
        for (int i = 0; i < hi.length; i++) {
            out[i] = (hi[i] + lo[i]) / divisor;
        }
    }

    /** The first partition's problem, or null. */
    String problem() {
        return problem;
    }

    /** What rounding took from {@code s = a + b} (Knuth's TwoSum): {@code a + b = s + error} exactly. */
    static double twoSumError(double a, double b, double s) {
        double bp = s - a;
        double ap = s - bp;
        return (a - ap) + (b - bp);
    }
}

package org.bricknet.core.inspect;

import java.util.Locale;
import org.bricknet.core.Tensor;

/**
 * A tensor in six numbers: its shape, the mean and the (population) standard deviation of its
 * elements, the smallest and largest, and the fraction that are exactly zero (dead ReLUs, dropped
 * units). NaN and infinities pass into the mean, standard deviation, min and max as they are.
 */
public record TensorStats(int[] shape, double mean, double std, double min, double max, double zeros) {

    public TensorStats {
        shape = shape.clone();
    }

    /** The statistics of {@code t}'s elements. */
    public static TensorStats of(Tensor t) {
        double[] d = t.data();
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int zeros = 0;
        for (double v : d) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v == 0) {
                zeros++;
            }
        }
        double mean = sum / d.length;
        double sq = 0;
        for (double v : d) {
            sq += (v - mean) * (v - mean);
        }
        return new TensorStats(t.shape(), mean, Math.sqrt(sq / d.length), min, max, zeros / (double) d.length);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Equal when every number and the shape are equal (NaN equal to NaN, as {@link Double#equals}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorStats s
                && java.util.Arrays.equals(shape, s.shape)
                && Double.compare(mean, s.mean) == 0
                && Double.compare(std, s.std) == 0
                && Double.compare(min, s.min) == 0
                && Double.compare(max, s.max) == 0
                && Double.compare(zeros, s.zeros) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(java.util.Arrays.hashCode(shape), mean, std, min, max, zeros);
    }

    /** The shape as {@code (2, 3)}. */
    public String shapeText() {
        return Tensor.shapeString(shape);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s mean %.4g std %.4g min %.4g max %.4g zeros %.1f%%",
                shapeText(),
                mean,
                std,
                min,
                max,
                100 * zeros);
    }
}

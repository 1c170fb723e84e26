package org.bricknet.core.contract;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;
import org.bricknet.core.Tensor;

/**
 * jqwik generator of tensors: a shape from a shape generator, then each element uniform-ish in
 * {@code [min, max]} (jqwik's doubles, with its edge cases: the bounds and 0 when inside), at
 * {@code scale} decimal places, optionally kept at least {@code margin} away from given kink
 * points. Immutable: each method returns a new generator. Shrinks towards small shapes and
 * simple values. Made by {@link Tensors}.
 */
public final class TensorArbitrary extends ArbitraryDecorator<Tensor> {
    private final Arbitrary<int[]> shapes;
    private final double min;
    private final double max;
    private final int scale;
    private final double margin;
    private final double[] kinks;

    TensorArbitrary(Arbitrary<int[]> shapes, double min, double max, int scale, double margin, double[] kinks) {
        if (!(min < max)) {
            throw new IllegalArgumentException("Tensors: expected min < max, got " + min + " and " + max);
        }
        this.shapes = shapes;
        this.min = min;
        this.max = max;
        this.scale = scale;
        this.margin = margin;
        this.kinks = kinks.clone();
    }

    /** Elements in {@code [min, max]}. */
    public TensorArbitrary between(double min, double max) {
        return new TensorArbitrary(shapes, min, max, scale, margin, kinks);
    }

    /**
     * Elements at least {@code margin} away from each of {@code kinks} (ReLU: {@code awayFrom(0.1, 0)}).
     * Choose the margin well above the numerical step, {@code 1e-5·max(1, |x|)}, so that no central
     * difference straddles a kink.
     */
    public TensorArbitrary awayFrom(double margin, double... kinks) {
        if (!(margin > 0)) {
            throw new IllegalArgumentException("Tensors.awayFrom: expected a margin > 0, got " + margin);
        }
        return new TensorArbitrary(shapes, min, max, scale, margin, kinks);
    }

    /** Elements with {@code scale} decimal places (default 6, so ties between elements are rare). */
    public TensorArbitrary ofScale(int scale) {
        return new TensorArbitrary(shapes, min, max, scale, margin, kinks);
    }

    @Override
    protected Arbitrary<Tensor> arbitrary() {
        Arbitrary<Double> values = Arbitraries.doubles().between(min, max).ofScale(scale);
        if (kinks.length > 0) {
            values = values.filter(this::awayFromKinks);
        }
        Arbitrary<Double> elements = values;
        return shapes.flatMap(
                shape -> elements.array(double[].class).ofSize(size(shape)).map(data -> Tensor.of(data, shape)));
    }

    private boolean awayFromKinks(double v) {
        for (double k : kinks) {
            if (Math.abs(v - k) < margin) {
                return false;
            }
        }
        return true;
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}

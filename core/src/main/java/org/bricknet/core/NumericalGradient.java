package org.bricknet.core;

import java.util.function.DoubleSupplier;

/**
 * Central differences: {@code df/dx[i] ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h}, perturbing each
 * element of {@code x} in place and writing its old value back exactly afterwards.
 *
 * <h2>The step</h2>
 * The error of a central difference has two parts: truncation, about {@code h²·|f'''|/6}, and
 * rounding, about {@code ε·|f|/h} with {@code ε = 2.2e-16}. Their sum is smallest near
 * {@code h = ∛(3ε·|f|/|f'''|)}, which for values and curvatures of order one is about {@code 1e-5}
 * — both errors are then near {@code 1e-11}. The book's {@code 1e-4} was chosen for float32-era
 * code; in double it gives away two digits to truncation. The step scales with {@code |x|} when
 * {@code |x| > 1} so that it stays above the spacing of doubles near {@code x}. The divisor is the
 * distance actually travelled, {@code (x+h) − (x−h)} as rounded, not the nominal {@code 2h}.
 */
public final class NumericalGradient {
    /** The relative step; see the class comment for why. */
    public static final double STEP = 1e-5;

    private NumericalGradient() {}

    /** The step used at a point {@code x}. */
    public static double step(double x) {
        return STEP * Math.max(1.0, Math.abs(x));
    }

    /** The gradient of {@code f} with respect to every element of {@code x}; x is left as it was. */
    public static Tensor of(DoubleSupplier f, Tensor x) {
        Tensor grad = Tensor.zeros(x.shape());
        double[] g = grad.data();
        for (int i = 0; i < g.length; i++) {
            g[i] = at(f, x, i);
        }
        return grad;
    }

    /** The partial derivative of {@code f} with respect to element {@code i} of {@code x}. */
    public static double at(DoubleSupplier f, Tensor x, int i) {
        return probe(f, x, i).central();
    }

    /**
     * Evaluates {@code f} at {@code x − h·e_i} and {@code x + h·e_i} and puts element {@code i} back
     * exactly, even when {@code f} throws.
     */
    public static Probe probe(DoubleSupplier f, Tensor x, int i) {
        return probe(f, x, i, step(x.data()[i]));
    }

    /** {@link #probe(DoubleSupplier, Tensor, int)} with the step {@code h} given. */
    public static Probe probe(DoubleSupplier f, Tensor x, int i, double h) {
        double[] d = x.data();
        double old = d[i];
        double plus = old + h;
        double minus = old - h;
        try {
            d[i] = plus;
            double fPlus = f.getAsDouble();
            d[i] = minus;
            double fMinus = f.getAsDouble();
            return new Probe(fMinus, fPlus, old - minus, plus - old);
        } finally {
            d[i] = old;
        }
    }

    /**
     * The two evaluations of one central difference: {@code f} a distance {@code hMinus} below and
     * {@code hPlus} above the point (the distances actually travelled, as rounded).
     */
    public record Probe(double fMinus, double fPlus, double hMinus, double hPlus) {
        /** {@code (f(x+h) − f(x−h)) / ((x+h) − (x−h))}: error O(h²) where f is smooth. */
        public double central() {
            return (fPlus - fMinus) / (hPlus + hMinus);
        }

        /** {@code (f(x+h) − f(x)) / h}, given {@code f0 = f(x)}: error O(h). */
        public double forward(double f0) {
            return (fPlus - f0) / hPlus;
        }

        /** {@code (f(x) − f(x−h)) / h}, given {@code f0 = f(x)}: error O(h). */
        public double backward(double f0) {
            return (f0 - fMinus) / hMinus;
        }
    }
}

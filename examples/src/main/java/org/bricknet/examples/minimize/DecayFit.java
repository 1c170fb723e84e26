package org.bricknet.examples.minimize;

import java.io.PrintStream;
import org.bricknet.optim.minimize.CurveFit;

/**
 * scipy's {@code curve_fit} example in Java: the decay {@code y = a·exp(−b·x) + c} fitted to 50
 * noisy samples of {@code 2.5·exp(−1.3·x) + 0.5} on {@code [0, 4]} (noise of deviation 0.2, drawn
 * once by NumPy and kept here to 6 decimals; {@code make_fixtures.py} in optim's test resources
 * draws them and records what scipy fits). From {@code p0 = (1, 1, 1)}, {@link CurveFit} finds
 * popt ≈ (2.488, 1.274, 0.444) and its covariance, as scipy 1.10.1 does.
 */
public final class DecayFit {
    /** The model {@code a·exp(−b·x) + c} with {@code p = (a, b, c)}. */
    public static final CurveFit.Model MODEL = (x, p) -> p[0] * Math.exp(-p[1] * x) + p[2];

    /** The noisy samples at {@link #xdata()}. */
    private static final double[] YDATA = {
        3.220252, 2.815973, 2.413922, 2.066291, 1.756334, 1.974339, 1.660429, 1.514951,
        1.525234, 1.451563, 0.909723, 1.463008, 0.794278, 1.501128, 1.183965, 0.914510,
        1.226241, 0.915721, 1.008310, 0.854305, 1.018651, 0.981490, 0.560633, 0.595226,
        0.764448, 0.634086, 0.201376, 1.047638, 0.193080, 0.198871, 0.348360, 0.706124,
        0.942977, 0.528257, 0.489538, 0.595712, 0.481425, 0.565753, 0.316324, 0.627507,
        0.614359, 0.045151, 0.506943, 0.558653, 0.635690, 0.357866, 0.253355, 0.326906,
        0.624944, 0.343424,
    };

    private DecayFit() {}

    /** 50 points evenly spaced on [0, 4], NumPy's {@code linspace(0, 4, 50)}. */
    public static double[] xdata() {
        double[] x = new double[YDATA.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * (4.0 / (x.length - 1));
        }
        x[x.length - 1] = 4.0;
        return x;
    }

    public static double[] ydata() {
        return YDATA.clone();
    }

    /** The start scipy's example leaves to its default: all ones. */
    public static double[] p0() {
        return new double[] {1, 1, 1};
    }

    public static CurveFit.Result fit() {
        return CurveFit.curveFit(MODEL, xdata(), ydata(), p0());
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        CurveFit.Result r = fit();
        out.println("curve_fit: y = a*exp(-b*x) + c to 50 noisy samples of 2.5*exp(-1.3*x) + 0.5 from p0 = [1 1 1]");
        out.println(r.message());
        out.println(r);
    }
}

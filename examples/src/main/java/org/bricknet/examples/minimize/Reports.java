package org.bricknet.examples.minimize;

import java.util.Locale;
import org.bricknet.optim.minimize.OptimizeResult;

/**
 * Prints a result the way scipy's {@code fmin} functions do with {@code disp=True} ({@code fmin_ncg}
 * adds its Hessian evaluations).
 */
public final class Reports {
    private Reports() {}

    /** The report's lines, each ended by a newline. */
    public static String text(String method, OptimizeResult r) {
        return method + ": " + r.message() + "\n"
                + String.format(Locale.ROOT, "         Current function value: %.6f%n", r.fun())
                + "         Iterations: " + r.nit() + "\n"
                + "         Function evaluations: " + r.nfev() + "\n"
                + "         Gradient evaluations: " + r.njev() + "\n"
                + (r.nhev() >= 0 ? "         Hessian evaluations: " + r.nhev() + "\n" : "")
                + "         x = " + vector(r.x()) + "\n";
    }

    /** Up to six values with 8 significant digits, then how many more. */
    public static String vector(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        int show = Math.min(v.length, 6);
        for (int i = 0; i < show; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.8g", v[i]));
        }
        if (v.length > show) {
            sb.append(", ... (").append(v.length).append(" values)");
        }
        return sb.append(']').toString();
    }
}

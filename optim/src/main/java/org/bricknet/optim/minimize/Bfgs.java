package org.bricknet.optim.minimize;

import java.util.Arrays;

/**
 * BFGS (Nocedal &amp; Wright, Algorithm 6.1), as scipy's {@code minimize(method='BFGS')}: a dense
 * approximation {@code H} of the inverse Hessian, the direction {@code p = −H·g}, a strong Wolfe
 * step ({@code c1 = 1e-4, c2 = 0.9}), and the update, with {@code s = x₊ − x}, {@code y = g₊ − g},
 * {@code ρ = 1/yᵀs},
 * <pre>
 *   H₊ = (I − ρ·s·yᵀ)·H·(I − ρ·y·sᵀ) + ρ·s·sᵀ
 *      = H − ρ·(H·y·sᵀ + s·yᵀ·H) + (ρ² yᵀH·y + ρ)·s·sᵀ.
 * </pre>
 * Before the first update {@code H} is scaled to {@code (yᵀs / yᵀy)·I} (N&amp;W eq. 6.20), which
 * scipy does not do; it saves evaluations. The first step tries {@code α = min(1, 1.01/|g|₂)}
 * (scipy's guess from its made-up previous value {@code f + |g|/2}); later steps try 1.
 *
 * <p>Stops with success when {@code max|gᵢ| ≤ gtol} (default 1e-5, as scipy); else after
 * {@code maxIterations} (default {@code 200·n}, as scipy) or when the line search finds no step
 * ({@link Status#PRECISION_LOSS}). Memory and time per iteration grow as {@code n²}: for many
 * thousands of variables use {@link Lbfgs}. H is one array of {@code n²} doubles, so n is at most
 * 46340 (an {@link IllegalArgumentException} above that, before any evaluation).
 */
public final class Bfgs extends LineSearchMinimizer<Bfgs> {
    public Bfgs() {
        super("Bfgs", new LineSearch(LineSearch.C1, LineSearch.C2_QUASI_NEWTON), 0);
    }

    @Override
    public String name() {
        return "BFGS";
    }

    @Override
    public double bytesNeeded(int n) {
        return 8.0 * n * n + 8.0 * 14 * n;
    }

    @Override
    void checkDimension(int n) {
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Bfgs: expected at most 46340 variables (its n×n matrix is one Java"
                    + " array), got " + n + "; use Lbfgs");
        }
    }

    @Override
    OptimizeResult iterate(Counted fc, double[] x, double fx, double[] g, int maxIter) {
        int n = x.length;
        DifferentiableFunction counted = fc::valueAndGradient;
        double[] h = identity(n);
        double[] p = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        double[] hy = new double[n];
        boolean scaled = false;
        int nit = 0;
        while (true) {
            if (Vectors.normInf(g) <= gtol) {
                return fc.result(x, fx, g, nit, Status.SUCCESS);
            }
            if (nit >= maxIter) {
                return fc.result(x, fx, g, nit, Status.MAX_ITERATIONS);
            }
            multiply(h, g, p, -1);
            if (!(Vectors.dot(g, p) < 0)) {
                Arrays.fill(h, 0);
                for (int i = 0; i < n; i++) {
                    h[i * n + i] = 1;
                }
                scaled = false;
                multiply(h, g, p, -1);
            }
            double alpha0 = nit == 0 ? Math.min(1.0, 1.01 / Vectors.norm2(g)) : 1.0;
            LineSearch.Step step = lineSearch.search(counted, x, fx, g, p, alpha0);
            if (!step.found) {
                return fc.result(x, fx, g, nit, Status.PRECISION_LOSS);
            }
            for (int i = 0; i < n; i++) {
                s[i] = step.x[i] - x[i];
                y[i] = step.gradient[i] - g[i];
            }
            x = step.x;
            fx = step.value;
            g = step.gradient;
            nit++;
            double sy = Vectors.dot(s, y);
            if (sy > 0) {
                if (!scaled) {
                    double gamma = sy / Vectors.dot(y, y);
                    for (int i = 0; i < n; i++) {
                        h[i * n + i] = gamma;
                    }
                    scaled = true;
                }
                update(h, s, y, hy, sy);
            }
        }
    }

    /** {@code out = sign·H·v}. */
    private static void multiply(double[] h, double[] v, double[] out, double sign) {
        int n = v.length;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                sum += h[row + j] * v[j];
            }
            out[i] = sign * sum;
        }
    }

    /** The BFGS update of the inverse Hessian, in place; see the class comment. */
    private static void update(double[] h, double[] s, double[] y, double[] hy, double sy) {
        int n = s.length;
        double rho = 1.0 / sy;
        multiply(h, y, hy, 1);
        double k = rho * rho * Vectors.dot(y, hy) + rho;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double a = rho * hy[i];
            double b = rho * s[i];
            double c = k * s[i];
            for (int j = 0; j < n; j++) {
                h[row + j] += c * s[j] - a * s[j] - b * hy[j];
            }
        }
    }

    private static double[] identity(int n) {
        double[] h = new double[n * n];
        for (int i = 0; i < n; i++) {
            h[i * n + i] = 1;
        }
        return h;
    }
}

package org.bricknet.optim.minimize;

/**
 * Nonlinear conjugate gradients, Polak–Ribière+ (Nocedal &amp; Wright, eq. 5.44), as scipy's
 * {@code minimize(method='CG')}:
 * <pre>
 *   β₊ = max(0, g₊ᵀ(g₊ − g) / gᵀg),    p₊ = −g₊ + β₊·p,
 * </pre>
 * with a strong Wolfe step ({@code c1 = 1e-4, c2 = 0.1}; scipy uses 0.4 plus a descent test).
 * Should {@code p} ever fail to be a descent direction, it restarts from {@code −g}. Since the
 * direction carries no scale, the first trial step is scipy's
 * {@code α₀ = min(1, 1.01·2·(f − f_prev) / gᵀp)} (N&amp;W eq. 3.60), with {@code f_prev = f + |g|/2}
 * at the start.
 *
 * <p>Stops with success when {@code max|gᵢ| ≤ gtol} (default 1e-5, as scipy); else after
 * {@code maxIterations} (default {@code 200·n}) or when the line search finds no step.
 */
public final class ConjugateGradient extends LineSearchMinimizer<ConjugateGradient> {
    public ConjugateGradient() {
        super("ConjugateGradient", new LineSearch(LineSearch.C1, LineSearch.C2_CONJUGATE_GRADIENT), 0);
    }

    @Override
    public String name() {
        return "CG";
    }

    @Override
    public double bytesNeeded(int n) {
        return 8.0 * 11 * n;
    }

    @Override
    OptimizeResult iterate(Counted fc, double[] x, double fx, double[] g, int maxIter) {
        int n = x.length;
        DifferentiableFunction counted = fc::valueAndGradient;
        double fPrev = fx + Vectors.norm2(g) / 2;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = -g[i];
        }
        int nit = 0;
        while (true) {
            if (Vectors.normInf(g) <= gtol) {
                return fc.result(x, fx, g, nit, Status.SUCCESS);
            }
            if (nit >= maxIter) {
                return fc.result(x, fx, g, nit, Status.MAX_ITERATIONS);
            }
            double gp = Vectors.dot(g, p);
            if (!(gp < 0)) {
                for (int i = 0; i < n; i++) {
                    p[i] = -g[i];
                }
                gp = Vectors.dot(g, p);
            }
            double alpha0 = Math.min(1.0, 1.01 * 2 * (fx - fPrev) / gp);
            LineSearch.Step step = lineSearch.search(counted, x, fx, g, p, alpha0 > 0 ? alpha0 : 1.0);
            if (!step.found) {
                return fc.result(x, fx, g, nit, Status.PRECISION_LOSS);
            }
            double[] g1 = step.gradient;
            double beta = Math.max(0, (Vectors.dot(g1, g1) - Vectors.dot(g1, g)) / Vectors.dot(g, g));
            for (int i = 0; i < n; i++) {
                p[i] = -g1[i] + beta * p[i];
            }
            fPrev = fx;
            x = step.x;
            fx = step.value;
            g = g1;
            nit++;
        }
    }
}

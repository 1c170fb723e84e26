package org.bricknet.optim.minimize;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Algorithms 7.4 and 7.5), in the spirit of scipy's
 * {@code minimize(method='L-BFGS-B')} without bounds: the last {@code m} pairs
 * {@code s = x₊ − x}, {@code y = g₊ − g} (default {@code m = 10}, scipy's {@code maxcor}) stand for
 * the inverse Hessian; the two-loop recursion computes {@code p = −H·g} from them, starting from
 * {@code H₀ = (sᵀy / yᵀy)·I} of the newest pair, in {@code O(m·n)}. A pair with
 * {@code sᵀy ≤ ε·yᵀy} is skipped. The first step tries {@code α = 1/|g|₂} (as L-BFGS-B), later
 * ones 1, with a strong Wolfe search ({@code c1 = 1e-4, c2 = 0.9}).
 *
 * <p>Stops with success when {@code max|gᵢ| ≤ gtol} (default 1e-5) or when the relative reduction
 * {@code (f − f₊) / max(|f|, |f₊|, 1) ≤ ftol} (default {@code 2.22e-9}, scipy's {@code factr = 1e7});
 * fails after {@code maxIterations} (default 15000) or {@code maxEvaluations} (default 15000), or
 * when the line search finds no step.
 *
 * <p>For bounds use {@link Lbfgsb}, which without bounds takes the same steps given L-BFGS-B's line
 * search ({@code c1 = 1e-3}, {@code xtol = 0.1}).
 */
public final class Lbfgs extends LineSearchMinimizer<Lbfgs> {
    private int history = 10;
    private double ftol = 2.220446049250313e-09;
    private int maxEvaluations = 15000;

    public Lbfgs() {
        super("Lbfgs", new LineSearch(LineSearch.C1, LineSearch.C2_QUASI_NEWTON), 15000);
    }

    /** How many pairs (s, y) to keep: {@code m}, default 10. */
    public Lbfgs history(int m) {
        this.history = Counted.positive("Lbfgs: history", m);
        return this;
    }

    /** The relative-reduction tolerance; 0 turns the test off. */
    public Lbfgs ftol(double ftol) {
        this.ftol = Counted.nonNegative("Lbfgs: ftol", ftol);
        return this;
    }

    public Lbfgs maxEvaluations(int maxEvaluations) {
        this.maxEvaluations = Counted.positive("Lbfgs: maxEvaluations", maxEvaluations);
        return this;
    }

    @Override
    public String name() {
        return "L-BFGS";
    }

    @Override
    public double bytesNeeded(int n) {
        return 8.0 * (2.0 * history + 15) * n;
    }

    @Override
    OptimizeResult iterate(Counted fc, double[] x, double fx, double[] g, int maxIter) {
        int n = x.length;
        DifferentiableFunction counted = fc::valueAndGradient;
        if (Vectors.normInf(g) <= gtol) {
            return fc.result(x, fx, g, 0, Status.SUCCESS);
        }
        double[][] s = new double[history][];
        double[][] y = new double[history][];
        double[] rho = new double[history];
        double[] alpha = new double[history];
        int stored = 0;
        int newest = -1;
        double[] p = new double[n];
        double[] sk = new double[n];
        double[] yk = new double[n];
        int nit = 0;
        while (true) {
            twoLoop(g, s, y, rho, alpha, stored, newest, p);
            if (!(Vectors.dot(g, p) < 0)) {
                stored = 0;
                twoLoop(g, s, y, rho, alpha, 0, newest, p);
            }
            double alpha0 = stored == 0 ? 1.0 / Vectors.norm2(p) : 1.0;
            LineSearch.Step step = lineSearch.search(counted, x, fx, g, p, alpha0);
            if (!step.found) {
                return fc.result(x, fx, g, nit, Status.PRECISION_LOSS);
            }
            for (int i = 0; i < n; i++) {
                sk[i] = step.x[i] - x[i];
                yk[i] = step.gradient[i] - g[i];
            }
            double sy = Vectors.dot(sk, yk);
            if (sy > 2.220446049250313e-16 * Vectors.dot(yk, yk)) {
                newest = (newest + 1) % history;
                double[] oldS = s[newest];
                double[] oldY = y[newest];
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1.0 / sy;
                stored = Math.min(stored + 1, history);
                sk = oldS == null ? new double[n] : oldS;
                yk = oldY == null ? new double[n] : oldY;
            }
            double fOld = fx;
            x = step.x;
            fx = step.value;
            g = step.gradient;
            nit++;
            if (Vectors.normInf(g) <= gtol) {
                return fc.result(x, fx, g, nit, Status.SUCCESS);
            }
            if ((fOld - fx) <= ftol * Math.max(Math.max(Math.abs(fOld), Math.abs(fx)), 1.0)) {
                return fc.result(x, fx, g, nit, Status.SUCCESS_FTOL);
            }
            if (nit >= maxIter) {
                return fc.result(x, fx, g, nit, Status.MAX_ITERATIONS);
            }
            if (fc.nfev >= maxEvaluations) {
                return fc.result(x, fx, g, nit, Status.MAX_EVALUATIONS);
            }
        }
    }

    /**
     * The two-loop recursion: {@code p = −H·g} from the {@code stored} newest pairs, newest at
     * index {@code newest} of the ring; {@code p = −g} when none is stored.
     */
    private static void twoLoop(
            double[] g, double[][] s, double[][] y, double[] rho, double[] alpha, int stored, int newest, double[] p) {
        int m = s.length;
        double[] q = p;
        System.arraycopy(g, 0, q, 0, g.length);
        for (int k = 0; k < stored; k++) {
            int i = (newest - k + m) % m;
            alpha[i] = rho[i] * Vectors.dot(s[i], q);
            Vectors.axpy(-alpha[i], y[i], q);
        }
        if (stored > 0) {
            double gamma = 1.0 / (rho[newest] * Vectors.dot(y[newest], y[newest]));
            for (int j = 0; j < q.length; j++) {
                q[j] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int i = (newest - k + m) % m;
            double beta = rho[i] * Vectors.dot(y[i], q);
            Vectors.axpy(alpha[i] - beta, s[i], q);
        }
        for (int j = 0; j < q.length; j++) {
            q[j] = -q[j];
        }
    }
}

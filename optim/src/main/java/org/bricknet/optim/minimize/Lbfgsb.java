package org.bricknet.optim.minimize;

import java.util.Arrays;

/**
 * L-BFGS-B, limited-memory BFGS with bounds {@code lᵢ ≤ xᵢ ≤ uᵢ} (Byrd, Lu, Nocedal &amp; Zhu,
 * "A limited memory algorithm for bound constrained optimization", SIAM J. Sci. Comput. 16, 1995;
 * version 3.0 with Morales and Nocedal's 2011 changes), step for step as scipy's
 * {@code minimize(method='L-BFGS-B')} runs {@code lbfgsb.f}. Each iteration:
 * <ol>
 *   <li>the generalized Cauchy point ({@link CauchyPoint}): the first minimizer of the quadratic
 *       model along the projected steepest-descent path, which fixes the variables that reach a bound;
 *   <li>subspace minimization ({@link SubspaceMinimization}): the model's minimizer over the
 *       variables still free, from the Cauchy point, projected back into the box;
 *   <li>a projected line search along {@code d = z − x} ({@link MoreThuente} with
 *       {@code c1 = 1e-3, c2 = 0.9, xtol = 0.1}; the first step {@code min(1/|d|, 1)}, later 1;
 *       at most {@code maxls} evaluations), whose trial points are clipped to the box;
 *   <li>the update of the compact L-BFGS matrix ({@link LbfgsbMemory}) with the last {@code m}
 *       pairs, skipped when {@code sᵀy ≤ ε·(−gᵀs)}.
 * </ol>
 * Without bounds the Cauchy step is skipped once there is a pair, the subspace step is the full
 * quasi-Newton step {@code −H·g}, and the method is L-BFGS: the same directions as {@link Lbfgs}'s
 * two-loop recursion, with L-BFGS-B's line search constants. When the line search fails, the
 * memory is cleared and the iteration restarts from steepest descent; a failure with an empty
 * memory ends the run ({@link Status#ABNORMAL_LINE_SEARCH}).
 *
 * <p>Defaults are scipy's: {@code m = 10}, {@code factr = 1e7} (stop when
 * {@code (f_k − f_k+1)/max(|f_k|, |f_k+1|, 1) ≤ factr·ε}, {@link Status#FACTR}),
 * {@code pgtol = 1e-5} (stop when the largest component of the projected gradient is at most
 * pgtol, {@link Status#PGTOL}), {@code maxls = 20}, at most 15000 iterations and 15000
 * evaluations. Bounds are given by {@link #bounds(double[], double[])} (infinite for none); a
 * start outside them is projected onto the box first, as scipy does, and the result's
 * {@link OptimizeResult#note()} says so.
 */
public final class Lbfgsb implements Minimizer {
    private static final double EPSMCH = Math.ulp(1.0);
    private int m = 10;
    private double factr = 1e7;
    private double pgtol = 1e-5;
    private int maxls = 20;
    private int maxIterations = 15000;
    private int maxEvaluations = 15000;
    private double[] lower;
    private double[] upper;
    private double lowerAll = Double.NEGATIVE_INFINITY;
    private double upperAll = Double.POSITIVE_INFINITY;

    /** How many pairs (s, y) to keep: {@code m}, default 10. */
    public Lbfgsb history(int m) {
        this.m = Counted.positive("Lbfgsb: history", m);
        return this;
    }

    /** The relative-reduction tolerance in units of ε (default 1e7; 0 turns the test off). */
    public Lbfgsb factr(double factr) {
        this.factr = Counted.nonNegative("Lbfgsb: factr", factr);
        return this;
    }

    /** The projected-gradient tolerance (default 1e-5). */
    public Lbfgsb pgtol(double pgtol) {
        this.pgtol = Counted.nonNegative("Lbfgsb: pgtol", pgtol);
        return this;
    }

    /** The most evaluations in one line search (default 20). */
    public Lbfgsb maxLineSearch(int maxls) {
        this.maxls = Counted.positive("Lbfgsb: maxLineSearch", maxls);
        return this;
    }

    public Lbfgsb maxIterations(int maxIterations) {
        this.maxIterations = Counted.positive("Lbfgsb: maxIterations", maxIterations);
        return this;
    }

    public Lbfgsb maxEvaluations(int maxEvaluations) {
        this.maxEvaluations = Counted.positive("Lbfgsb: maxEvaluations", maxEvaluations);
        return this;
    }

    /**
     * Bounds for each variable, of the start point's length; {@code Double.NEGATIVE_INFINITY} and
     * {@code POSITIVE_INFINITY} for none. {@code lower[i] ≤ upper[i]} is required (equal bounds fix
     * the variable).
     */
    public Lbfgsb bounds(double[] lower, double[] upper) {
        if (lower == null || upper == null || lower.length != upper.length) {
            throw new IllegalArgumentException("Lbfgsb: expected lower and upper bounds of one length, got "
                    + (lower == null ? "null" : lower.length + " values") + " and "
                    + (upper == null ? "null" : upper.length + " values"));
        }
        for (int i = 0; i < lower.length; i++) {
            Box.check(lower[i], upper[i], "[" + i + "]");
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
        return this;
    }

    /** The same bounds for every variable. */
    public Lbfgsb bounds(double lower, double upper) {
        Box.check(lower, upper, "");
        this.lower = null;
        this.upper = null;
        this.lowerAll = lower;
        this.upperAll = upper;
        return this;
    }

    @Override
    public String name() {
        return "L-BFGS-B";
    }

    @Override
    public double bytesNeeded(int n) {
        return 8.0 * (2.0 * m + 13) * n + 16.0 * n + 8.0 * 12 * m * m;
    }

    @Override
    public OptimizeResult minimize(DifferentiableFunction f, double[] x0) {
        double[] x = Counted.checkStart("Lbfgsb", f, x0);
        int n = x.length;
        if (lower != null && lower.length != n) {
            throw new IllegalArgumentException(
                    "Lbfgsb: expected bounds for the " + n + " variables of x0, got " + lower.length);
        }
        Box box = new Box(lower != null ? lower : filled(n, lowerAll), upper != null ? upper : filled(n, upperAll));
        String note = box.project(x);
        return new Run(f, x, box, note).run();
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** One run of {@code mainlb}: the state between iterations. */
    private final class Run {
        private final Counted fc;
        private final double[] x;
        private final Box box;
        private final double[] l;
        private final double[] u;
        private final int[] nbd;
        private final String note;
        private final int n;
        private final double[] g;
        private final double[] z;
        private final double[] r;
        private final double[] d;
        private final double[] t;
        private final double[] xp;
        private final double[] wa;
        private final int[] iwhere;
        private final LbfgsbMemory mem;
        private final SubspaceMinimization sub;
        private final CauchyPoint.Work work;
        private boolean cnstnd;
        private boolean boxed = true;
        private double f;
        private int iter;

        Run(DifferentiableFunction fn, double[] x, Box box, String note) {
            this.fc = new Counted(fn);
            this.x = x;
            this.box = box;
            this.l = box.l;
            this.u = box.u;
            this.nbd = box.nbd;
            this.note = note;
            this.n = x.length;
            g = new double[n];
            z = new double[n];
            r = new double[n];
            d = new double[n];
            t = new double[n];
            xp = new double[n];
            wa = new double[2 * m];
            iwhere = new int[n];
            mem = new LbfgsbMemory(n, m);
            sub = new SubspaceMinimization(mem, n);
            work = new CauchyPoint.Work(m);
            for (int i = 0; i < n; i++) {
                if (nbd[i] != 2) {
                    boxed = false;
                }
                if (nbd[i] == 0) {
                    iwhere[i] = -1;
                } else {
                    cnstnd = true;
                    iwhere[i] = nbd[i] == 2 && u[i] - l[i] <= 0 ? 3 : 0;
                }
            }
        }

        OptimizeResult run() {
            f = fc.valueAndGradient(x, g);
            if (!Double.isFinite(f) || !Vectors.allFinite(g)) {
                return end(Status.NOT_FINITE);
            }
            double sbgnrm = box.projectedGradientNorm(x, g);
            if (sbgnrm <= pgtol) {
                return end(Status.PGTOL);
            }
            double tol = factr * EPSMCH;
            while (true) {
                if (!direction(sbgnrm)) {
                    mem.reset();
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    d[i] = z[i] - x[i];
                }
                double fold = f;
                LineSearchEnd ls = lineSearch();
                if (ls != LineSearchEnd.NEW_X) {
                    System.arraycopy(t, 0, x, 0, n);
                    System.arraycopy(r, 0, g, 0, n);
                    f = fold;
                    if (mem.col == 0) {
                        return end(ls == LineSearchEnd.NOT_FINITE ? Status.NOT_FINITE : Status.ABNORMAL_LINE_SEARCH);
                    }
                    mem.reset();
                    continue;
                }
                iter++;
                sbgnrm = box.projectedGradientNorm(x, g);
                if (iter >= maxIterations) {
                    return end(Status.MAX_ITERATIONS);
                }
                if (fc.nfev > maxEvaluations) {
                    return end(Status.MAX_EVALUATIONS);
                }
                if (sbgnrm <= pgtol) {
                    return end(Status.PGTOL);
                }
                if (fold - f <= tol * Math.max(Math.max(Math.abs(fold), Math.abs(f)), 1)) {
                    return end(Status.FACTR);
                }
                update();
            }
        }

        /**
         * Steps 1 and 2: the Cauchy point and the subspace minimizer, into z; false when a
         * factorization failed and the memory must be cleared.
         */
        private boolean direction(double sbgnrm) {
            boolean wrk;
            if (!cnstnd && mem.col > 0) {
                System.arraycopy(x, 0, z, 0, n);
                wrk = mem.updatd;
            } else {
                if (!CauchyPoint.compute(x, l, u, nbd, g, sub.indx2, iwhere, t, d, z, mem, work, sbgnrm, EPSMCH)) {
                    return false;
                }
                wrk = sub.freeVariables(iwhere, cnstnd, iter);
            }
            if (sub.nfree == 0 || mem.col == 0) {
                return true;
            }
            if (wrk && !sub.formK()) {
                return false;
            }
            return sub.reducedGradient(x, g, z, r, work.c, wa, cnstnd) && sub.minimize(l, u, nbd, z, r, xp, x, g, wa);
        }

        /** Step 3, {@code lnsrlb}: moves x, f, g to the accepted point; t, r keep the old x and g. */
        private LineSearchEnd lineSearch() {
            double dtd = Vectors.dot(d, d);
            double dnorm = Math.sqrt(dtd);
            double stpmx = !cnstnd ? 1e10 : iter == 0 ? 1 : box.maxStep(x, d, 1e10);
            double stp = iter == 0 && !boxed ? Math.min(1 / dnorm, stpmx) : 1;
            System.arraycopy(x, 0, t, 0, n);
            System.arraycopy(g, 0, r, 0, n);
            double gd = Vectors.dot(g, d);
            gdold = gd;
            if (!(gd < 0)) {
                return LineSearchEnd.FAILED;
            }
            MoreThuente search = new MoreThuente(1e-3, 0.9, 0.1, 0, stpmx);
            stp = search.start(f, gd, stp);
            boolean finite = true;
            for (int evaluations = 0; search.task() == MoreThuente.Task.FG; evaluations++) {
                if (evaluations >= maxls) {
                    return finite ? LineSearchEnd.FAILED : LineSearchEnd.NOT_FINITE;
                }
                if (stp == 1) {
                    System.arraycopy(z, 0, x, 0, n);
                } else {
                    box.clippedStep(t, stp, d, x);
                }
                f = fc.valueAndGradient(x, g);
                gd = Vectors.dot(g, d);
                finite = Double.isFinite(f) && Double.isFinite(gd);
                stp = search.next(f, gd);
            }
            this.stp = stp;
            this.gd = gd;
            return search.task() == MoreThuente.Task.ERROR ? LineSearchEnd.FAILED : LineSearchEnd.NEW_X;
        }

        private double stp;
        private double gd;
        private double gdold;

        /** Step 4: the pair {@code s = stp·d}, {@code y = g − r} enters the memory, unless {@code sᵀy} is too small. */
        private void update() {
            for (int i = 0; i < n; i++) {
                r[i] = g[i] - r[i];
            }
            double rr = Vectors.dot(r, r);
            double dr;
            double ddum;
            double dtd = Vectors.dot(d, d);
            if (stp == 1) {
                dr = gd - gdold;
                ddum = -gdold;
            } else {
                dr = (gd - gdold) * stp;
                for (int i = 0; i < n; i++) {
                    d[i] *= stp;
                }
                ddum = -gdold * stp;
            }
            if (dr <= EPSMCH * ddum) {
                mem.updatd = false;
                return;
            }
            mem.updatd = true;
            mem.iupdat++;
            mem.add(d, r, rr, dr, stp, dtd);
            if (!mem.formT()) {
                mem.reset();
            }
        }

        private OptimizeResult end(Status status) {
            return fc.result(x, f, g, iter, status, note);
        }
    }

    /** How a line search ended. */
    private enum LineSearchEnd {
        NEW_X,
        FAILED,
        NOT_FINITE
    }
}

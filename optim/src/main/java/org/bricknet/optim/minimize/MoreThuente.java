package org.bricknet.optim.minimize;

/**
 * The line search of Moré and Thuente ("Line search algorithms with guaranteed sufficient
 * decrease", ACM TOMS 20, 1994): MINPACK-2's {@code dcsrch} and {@code dcstep}, the search behind
 * scipy's {@code line_search_wolfe1} and L-BFGS-B. It keeps an interval {@code [stx, sty]} known to
 * hold a step meeting the strong Wolfe conditions once bracketed, and picks each trial step by
 * safeguarded cubic or quadratic interpolation of the values and slopes at the ends; until the
 * sufficient-decrease condition holds with {@code φ' ≥ 0} it works on the auxiliary function
 * {@code ψ(α) = φ(α) − φ(0) − c1·α·φ'(0)}. Before bracketing, steps grow by a factor in
 * {@code [1.1, 4]}. A NaN or infinite value halves the step towards the best point so far.
 *
 * <p>Like {@code dcsrch} it works by reverse communication: {@link #start} takes φ(0), φ'(0) and
 * the first trial step, {@link #next} takes φ and φ' at the step it last asked for, and after
 * either {@link #task()} says whether to evaluate ({@link Task#FG}) or stop. {@link #search}
 * drives it to the end for the line searches of CG, BFGS, L-BFGS and Newton-CG; {@link Lbfgsb}
 * drives it itself, since it evaluates at projected points and accepts warnings.
 */
final class MoreThuente {
    private static final double XTRAPL = 1.1;
    private static final double XTRAPU = 4.0;

    /** What the search wants next, or why it stopped: {@code dcsrch}'s {@code task}. */
    enum Task {
        /** Evaluate φ and φ' at the step returned. */
        FG,
        /** The step satisfies both Wolfe conditions. */
        CONVERGENCE,
        /**
         * No step satisfying both can be found from here: rounding, the interval below
         * {@code xtol}, or the step at {@code stpmax} or {@code stpmin} (L-BFGS-B takes the step).
         */
        WARNING,
        /** The arguments of {@link #start} were inconsistent (a slope ≥ 0, a step outside the limits). */
        ERROR
    }

    private final double ftol;
    private final double gtol;
    private final double xtol;
    private final double stpmin;
    private final double stpmax;
    private Task task = Task.ERROR;
    private boolean brackt;
    private boolean stage1;
    private double ginit;
    private double gtest;
    private double finit;
    private double stp;
    private double stx;
    private double fx;
    private double gx;
    private double sty;
    private double fy;
    private double gy;
    private double stmin;
    private double stmax;
    private double width;
    private double width1;

    /**
     * A search for a step in {@code [stpmin, stpmax]} with sufficient decrease {@code ftol} (c1),
     * curvature {@code gtol} (c2) and relative interval tolerance {@code xtol}.
     */
    MoreThuente(double ftol, double gtol, double xtol, double stpmin, double stpmax) {
        this.ftol = ftol;
        this.gtol = gtol;
        this.xtol = xtol;
        this.stpmin = stpmin;
        this.stpmax = stpmax;
    }

    /**
     * Finds a step along the line: {@code phi} evaluates {@code φ(α)} and stores {@code φ'(α)} for
     * {@link Phi#slope()}. Returns the accepted step, or NaN if none was found within
     * {@code maxEvaluations} or the search ended in a warning (as scipy's
     * {@code line_search_wolfe1}); the last evaluation is always at the returned step.
     */
    static double search(
            Phi phi,
            double f0,
            double g0,
            double stp,
            double c1,
            double c2,
            double xtol,
            double stpmin,
            double stpmax,
            int maxEvaluations) {
        MoreThuente mt = new MoreThuente(c1, c2, xtol, stpmin, stpmax);
        double a = mt.start(f0, g0, stp);
        for (int evaluations = 0; evaluations < maxEvaluations && mt.task == Task.FG; evaluations++) {
            double f = phi.value(a);
            a = mt.next(f, phi.slope());
        }
        return mt.task == Task.CONVERGENCE ? a : Double.NaN;
    }

    /** φ and its slope at the last point evaluated. */
    interface Phi {
        double value(double alpha);

        double slope();
    }

    Task task() {
        return task;
    }

    /** Starts a search from φ(0) = {@code f0}, φ'(0) = {@code g0} with the trial step {@code stp}. */
    double start(double f0, double g0, double stp) {
        if (stp < stpmin || stp > stpmax || !(g0 < 0) || !(stpmax >= stpmin) || !Double.isFinite(f0)) {
            task = Task.ERROR;
            return stp;
        }
        this.stp = stp;
        brackt = false;
        stage1 = true;
        finit = f0;
        ginit = g0;
        gtest = ftol * ginit;
        width = stpmax - stpmin;
        width1 = 2 * width;
        stx = 0;
        fx = finit;
        gx = ginit;
        sty = 0;
        fy = finit;
        gy = ginit;
        stmin = 0;
        stmax = stp + XTRAPU * stp;
        task = Task.FG;
        return stp;
    }

    /**
     * Takes φ = {@code f} and φ' = {@code g} at the step last returned and returns the next: the
     * same step when {@link #task()} is no longer {@link Task#FG}.
     */
    double next(double f, double g) {
        if (!Double.isFinite(f) || !Double.isFinite(g)) {
            brackt = true;
            sty = stp;
            fy = Double.POSITIVE_INFINITY;
            stp = stx + 0.5 * (stp - stx);
            stmin = Math.min(stx, sty);
            stmax = Math.max(stx, sty);
            return stp;
        }
        double ftest = finit + stp * gtest;
        if (stage1 && f <= ftest && g >= 0) {
            stage1 = false;
        }
        if (f <= ftest && Math.abs(g) <= gtol * -ginit) {
            task = Task.CONVERGENCE;
            return stp;
        }
        if ((brackt && (stp <= stmin || stp >= stmax))
                || (brackt && stmax - stmin <= xtol * stmax)
                || (stp == stpmax && f <= ftest && g <= gtest)
                || (stp == stpmin && (f > ftest || g >= gtest))) {
            task = Task.WARNING;
            return stp;
        }
        if (stage1 && f <= fx && f > ftest) {
            double fm = f - stp * gtest;
            fx -= stx * gtest;
            fy -= sty * gtest;
            gx -= gtest;
            gy -= gtest;
            stp = step(stp, fm, g - gtest, stmin, stmax);
            fx += stx * gtest;
            fy += sty * gtest;
            gx += gtest;
            gy += gtest;
        } else {
            stp = step(stp, f, g, stmin, stmax);
        }
        if (!Double.isFinite(stp)) {
            if (!brackt) {
                task = Task.WARNING;
                return stp;
            }
            stp = stx + 0.5 * (sty - stx);
        }
        if (brackt) {
            if (Math.abs(sty - stx) >= 0.66 * width1) {
                stp = stx + 0.5 * (sty - stx);
            }
            width1 = width;
            width = Math.abs(sty - stx);
            stmin = Math.min(stx, sty);
            stmax = Math.max(stx, sty);
        } else {
            stmin = stp + XTRAPL * (stp - stx);
            stmax = stp + XTRAPU * (stp - stx);
        }
        stp = Math.min(Math.max(stp, stpmin), stpmax);
        if (brackt && (stp <= stmin || stp >= stmax || stmax - stmin <= xtol * stmax)) {
            stp = stx;
        }
        return stp;
    }

    /**
     * {@code dcstep}: updates the interval with the trial {@code (stp, fp, dp)} and returns the
     * next trial step, by the four cases of Moré and Thuente.
     */
    private double step(double stp, double fp, double dp, double stpmin, double stpmax) {
        double sgnd = dp * Math.signum(gx);
        double stpf;
        if (fp > fx) {
            double theta = 3 * (fx - fp) / (stp - stx) + gx + dp;
            double s = max3(theta, gx, dp);
            double gamma = s * Math.sqrt((theta / s) * (theta / s) - (gx / s) * (dp / s));
            if (stp < stx) {
                gamma = -gamma;
            }
            double r = ((gamma - gx) + theta) / (((gamma - gx) + gamma) + dp);
            double stpc = stx + r * (stp - stx);
            double stpq = stx + ((gx / ((fx - fp) / (stp - stx) + gx)) / 2) * (stp - stx);
            stpf = Math.abs(stpc - stx) <= Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            brackt = true;
        } else if (sgnd < 0) {
            double theta = 3 * (fx - fp) / (stp - stx) + gx + dp;
            double s = max3(theta, gx, dp);
            double gamma = s * Math.sqrt((theta / s) * (theta / s) - (gx / s) * (dp / s));
            if (stp > stx) {
                gamma = -gamma;
            }
            double r = ((gamma - dp) + theta) / (((gamma - dp) + gamma) + gx);
            double stpc = stp + r * (stx - stp);
            double stpq = stp + (dp / (dp - gx)) * (stx - stp);
            stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
            brackt = true;
        } else if (Math.abs(dp) < Math.abs(gx)) {
            double theta = 3 * (fx - fp) / (stp - stx) + gx + dp;
            double s = max3(theta, gx, dp);
            double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gx / s) * (dp / s)));
            if (stp > stx) {
                gamma = -gamma;
            }
            double r = ((gamma - dp) + theta) / ((gamma + (gx - dp)) + gamma);
            double stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
            double stpq = stp + (dp / (dp - gx)) * (stx - stp);
            if (brackt) {
                stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.min(stp + 0.66 * (sty - stp), stpf) : Math.max(stp + 0.66 * (sty - stp), stpf);
            } else {
                stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                stpf = Math.max(stpmin, Math.min(stpmax, stpf));
            }
        } else if (brackt) {
            double theta = 3 * (fp - fy) / (sty - stp) + gy + dp;
            double s = max3(theta, gy, dp);
            double gamma = s * Math.sqrt((theta / s) * (theta / s) - (gy / s) * (dp / s));
            if (stp > sty) {
                gamma = -gamma;
            }
            double r = ((gamma - dp) + theta) / (((gamma - dp) + gamma) + gy);
            stpf = stp + r * (sty - stp);
        } else {
            stpf = stp > stx ? stpmax : stpmin;
        }
        if (fp > fx) {
            sty = stp;
            fy = fp;
            gy = dp;
        } else {
            if (sgnd < 0) {
                sty = stx;
                fy = fx;
                gy = gx;
            }
            stx = stp;
            fx = fp;
            gx = dp;
        }
        return stpf;
    }

    private static double max3(double a, double b, double c) {
        return Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
    }
}

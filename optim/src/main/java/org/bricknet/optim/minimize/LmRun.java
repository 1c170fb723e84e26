package org.bricknet.optim.minimize;

import java.util.Arrays;

/**
 * One run of {@link LevenbergMarquardt}: MINPACK's {@code lmder}/{@code lmdif} driver (0-based,
 * the Jacobian stored by columns as in {@link Minpack}), the checks of what the functions return,
 * and the covariance from the last factorization.
 */
final class LmRun {
    private static final String WHO = "LevenbergMarquardt";
    private final ResidualFunction f;
    private final JacobianFunction jac;
    private final double[] x;
    private final double ftol;
    private final double xtol;
    private final double gtol;
    private final double factor;
    private final double epsfcn;
    private final int n;
    private int m;
    private int maxfev;
    private int nfev;
    private int njev;
    private double[] fvec;
    private double[][] fjac;
    private int[] ipvt;
    private boolean factored;

    LmRun(
            ResidualFunction f,
            JacobianFunction jac,
            double[] x,
            double ftol,
            double xtol,
            double gtol,
            double factor,
            double epsfcn,
            int maxEvaluations) {
        this.f = f;
        this.jac = jac;
        this.x = x;
        this.ftol = ftol;
        this.xtol = xtol;
        this.gtol = gtol;
        this.factor = factor;
        this.epsfcn = epsfcn;
        this.n = x.length;
        this.maxfev = maxEvaluations;
    }

    LeastSquaresResult run() {
        fvec = residuals(x);
        nfev = 1;
        m = fvec.length;
        if (m < n) {
            throw new IllegalArgumentException(
                    WHO + ": expected at least as many residuals as parameters (" + n + "), got " + m);
        }
        if (maxfev == 0) {
            maxfev = (jac == null ? 200 : 100) * (n + 1);
        }
        if (!Vectors.allFinite(fvec)) {
            return end(Status.NOT_FINITE);
        }
        double[] diag = new double[n];
        double[] qtf = new double[n];
        double[] wa1 = new double[n];
        double[] wa2 = new double[n];
        double[] wa3 = new double[n];
        double[] wa4 = new double[m];
        ipvt = new int[n];
        double fnorm = Minpack.enorm(fvec);
        double par = 0;
        double delta = 0;
        double xnorm = 0;
        boolean first = true;
        while (true) {
            fjac = jacobian();
            if (fjac == null) {
                return end(Status.NOT_FINITE);
            }
            Minpack.qrfac(m, n, fjac, ipvt, wa1, wa2, wa3);
            factored = true;
            if (first) {
                for (int j = 0; j < n; j++) {
                    diag[j] = wa2[j] == 0 ? 1 : wa2[j];
                    wa3[j] = diag[j] * x[j];
                }
                xnorm = Minpack.enorm(wa3, 0, n);
                delta = factor * xnorm;
                if (delta == 0) {
                    delta = factor;
                }
            }
            System.arraycopy(fvec, 0, wa4, 0, m);
            for (int j = 0; j < n; j++) {
                double[] cj = fjac[j];
                if (cj[j] != 0) {
                    double sum = 0;
                    for (int i = j; i < m; i++) {
                        sum += cj[i] * wa4[i];
                    }
                    double temp = -sum / cj[j];
                    for (int i = j; i < m; i++) {
                        wa4[i] += cj[i] * temp;
                    }
                }
                cj[j] = wa1[j];
                qtf[j] = wa4[j];
            }
            double gnorm = 0;
            if (fnorm != 0) {
                for (int j = 0; j < n; j++) {
                    int l = ipvt[j];
                    if (wa2[l] != 0) {
                        double sum = 0;
                        for (int i = 0; i <= j; i++) {
                            sum += fjac[j][i] * (qtf[i] / fnorm);
                        }
                        gnorm = Math.max(gnorm, Math.abs(sum / wa2[l]));
                    }
                }
            }
            if (gnorm <= gtol) {
                return end(Status.LM_GTOL);
            }
            for (int j = 0; j < n; j++) {
                diag[j] = Math.max(diag[j], wa2[j]);
            }
            double ratio;
            do {
                par = Minpack.lmpar(n, fjac, ipvt, diag, qtf, delta, par, wa1, wa2, wa3, wa4);
                for (int j = 0; j < n; j++) {
                    wa1[j] = -wa1[j];
                    wa2[j] = x[j] + wa1[j];
                    wa3[j] = diag[j] * wa1[j];
                }
                double pnorm = Minpack.enorm(wa3, 0, n);
                if (first) {
                    delta = Math.min(delta, pnorm);
                }
                double[] trial = residuals(wa2);
                nfev++;
                boolean finite = Vectors.allFinite(trial);
                double fnorm1 = Minpack.enorm(trial);
                double actred = -1;
                if (0.1 * fnorm1 < fnorm) {
                    actred = 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm);
                }
                for (int j = 0; j < n; j++) {
                    wa3[j] = 0;
                    double temp = wa1[ipvt[j]];
                    for (int i = 0; i <= j; i++) {
                        wa3[i] += fjac[j][i] * temp;
                    }
                }
                double temp1 = Minpack.enorm(wa3, 0, n) / fnorm;
                double temp2 = (Math.sqrt(par) * pnorm) / fnorm;
                double prered = temp1 * temp1 + temp2 * temp2 / 0.5;
                double dirder = -(temp1 * temp1 + temp2 * temp2);
                ratio = prered != 0 ? actred / prered : 0;
                if (ratio <= 0.25) {
                    double temp = actred >= 0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred);
                    if (0.1 * fnorm1 >= fnorm || temp < 0.1) {
                        temp = 0.1;
                    }
                    delta = temp * Math.min(delta, pnorm / 0.1);
                    par = par / temp;
                } else if (par == 0 || ratio >= 0.75) {
                    delta = pnorm / 0.5;
                    par = 0.5 * par;
                }
                if (ratio >= 1e-4) {
                    for (int j = 0; j < n; j++) {
                        x[j] = wa2[j];
                        wa2[j] = diag[j] * x[j];
                    }
                    fvec = trial;
                    xnorm = Minpack.enorm(wa2, 0, n);
                    fnorm = fnorm1;
                    first = false;
                }
                boolean fConverged = Math.abs(actred) <= ftol && prered <= ftol && 0.5 * ratio <= 1;
                boolean xConverged = delta <= xtol * xnorm;
                Status status = null;
                if (fConverged || xConverged) {
                    status = fConverged && xConverged
                            ? Status.LM_FTOL_XTOL
                            : fConverged ? Status.LM_FTOL : Status.LM_XTOL;
                } else if (gnorm <= Minpack.EPSMCH) {
                    status = Status.LM_GTOL_TOO_SMALL;
                } else if (delta <= Minpack.EPSMCH * xnorm) {
                    status = Status.LM_XTOL_TOO_SMALL;
                } else if (Math.abs(actred) <= Minpack.EPSMCH && prered <= Minpack.EPSMCH && 0.5 * ratio <= 1) {
                    status = Status.LM_FTOL_TOO_SMALL;
                } else if (nfev >= maxfev) {
                    status = Status.MAX_EVALUATIONS;
                }
                if (status != null) {
                    return end(finite || ratio >= 1e-4 ? status : Status.NOT_FINITE);
                }
            } while (ratio < 1e-4);
        }
    }

    private double[] residuals(double[] at) {
        double[] r = f.residuals(at.clone());
        if (r == null || (fvec != null && r.length != m)) {
            throw new IllegalArgumentException(WHO + ": expected " + (fvec == null ? "residuals" : m + " residuals")
                    + " from the residual function, got " + (r == null ? "null" : r.length + " values"));
        }
        return r;
    }

    /** J by columns: the given Jacobian (its shape checked) or forward differences; null if not finite. */
    private double[][] jacobian() {
        double[][] a = new double[n][m];
        if (jac != null) {
            double[][] j = jac.jacobian(x.clone());
            njev++;
            if (j == null || j.length != m || (m > 0 && j[0] == null)) {
                throw new IllegalArgumentException(shape(j));
            }
            for (int i = 0; i < m; i++) {
                if (j[i] == null || j[i].length != n) {
                    throw new IllegalArgumentException(shape(j));
                }
                for (int k = 0; k < n; k++) {
                    a[k][i] = j[i][k];
                }
            }
        } else {
            double eps = Math.sqrt(Math.max(epsfcn, Minpack.EPSMCH));
            for (int k = 0; k < n; k++) {
                double temp = x[k];
                double h = eps * Math.abs(temp);
                if (h == 0) {
                    h = eps;
                }
                x[k] = temp + h;
                double[] r = residuals(x);
                nfev++;
                x[k] = temp;
                for (int i = 0; i < m; i++) {
                    a[k][i] = (r[i] - fvec[i]) / h;
                }
            }
        }
        for (double[] column : a) {
            if (!Vectors.allFinite(column)) {
                return null;
            }
        }
        return a;
    }

    private String shape(double[][] j) {
        String got = j == null
                ? "null"
                : j.length + " × "
                        + (j.length == 0 || j[0] == null ? "?" : Integer.toString(j[0].length))
                        + (j.length > 0 && Arrays.stream(j).anyMatch(row -> row == null || row.length != j[0].length)
                                ? " with rows of different lengths"
                                : "");
        return WHO + ": expected a Jacobian of " + m + " × " + n + " (one row per residual, one column per"
                + " parameter), got " + got;
    }

    private LeastSquaresResult end(Status status) {
        double[][] cov = status.success() && factored ? covariance() : null;
        return new LeastSquaresResult(x, fvec, nfev, njev, status, cov);
    }

    /**
     * {@code (JᵀJ)⁻¹ = P·R⁻¹·R⁻ᵀ·Pᵀ} from the last factorization {@code J·P = Q·R}, as scipy's
     * {@code leastsq} forms {@code cov_x}; null when R has a zero on its diagonal.
     */
    private double[][] covariance() {
        double[][] inv = new double[n][n];
        for (int j = n - 1; j >= 0; j--) {
            if (fjac[j][j] == 0) {
                return null;
            }
            inv[j][j] = 1 / fjac[j][j];
            for (int i = j - 1; i >= 0; i--) {
                double sum = 0;
                for (int k = i + 1; k <= j; k++) {
                    sum += fjac[k][i] * inv[k][j];
                }
                inv[i][j] = -sum / fjac[i][i];
            }
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[ipvt[i]] = inv[i];
        }
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cov[i][j] = Vectors.dot(rows[i], rows[j]);
            }
        }
        return cov;
    }
}

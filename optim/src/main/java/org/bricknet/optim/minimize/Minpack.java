package org.bricknet.optim.minimize;

/**
 * The linear algebra of MINPACK's Levenberg-Marquardt ({@code enorm}, {@code qrfac},
 * {@code qrsolv}, {@code lmpar}; Moré, Garbow &amp; Hillstrom 1980), 0-based. Matrices are stored
 * by columns: {@code a[j][i]} is row i of column j, so that {@code a[j]} is a column of the
 * Jacobian (length m) and, after {@link #qrfac}, {@code a[j][i]} for {@code i ≤ j} is the upper
 * triangle R of {@code A·P = Q·R}.
 */
final class Minpack {
    static final double EPSMCH = Math.ulp(1.0);
    private static final double DWARF = Double.MIN_NORMAL;
    private static final double RDWARF = 3.834e-20;
    private static final double RGIANT = 1.304e19;

    private Minpack() {}

    /** {@code enorm}: the Euclidean norm of {@code x[from..to)}, without overflow or underflow. */
    static double enorm(double[] x, int from, int to) {
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double x1max = 0;
        double x3max = 0;
        double agiant = RGIANT / (to - from);
        for (int i = from; i < to; i++) {
            double xabs = Math.abs(x[i]);
            if (xabs > RDWARF && xabs < agiant) {
                s2 += xabs * xabs;
            } else if (xabs > RDWARF) {
                if (xabs > x1max) {
                    s1 = 1 + s1 * (x1max / xabs) * (x1max / xabs);
                    x1max = xabs;
                } else {
                    s1 += (xabs / x1max) * (xabs / x1max);
                }
            } else if (xabs > x3max) {
                s3 = 1 + s3 * (x3max / xabs) * (x3max / xabs);
                x3max = xabs;
            } else if (xabs != 0) {
                s3 += (xabs / x3max) * (xabs / x3max);
            }
        }
        if (s1 != 0) {
            return x1max * Math.sqrt(s1 + (s2 / x1max) / x1max);
        }
        if (s2 != 0) {
            return s2 >= x3max
                    ? Math.sqrt(s2 * (1 + (x3max / s2) * (x3max * s3)))
                    : Math.sqrt(x3max * ((s2 / x3max) + (x3max * s3)));
        }
        return x3max * Math.sqrt(s3);
    }

    static double enorm(double[] x) {
        return enorm(x, 0, x.length);
    }

    /**
     * {@code qrfac} with column pivoting: Householder QR of the m×n matrix {@code a} (m ≥ n), in
     * place; {@code ipvt} receives the permutation, {@code rdiag} R's diagonal and {@code acnorm}
     * the norms of a's columns; {@code wa} is scratch of length n.
     */
    static void qrfac(int m, int n, double[][] a, int[] ipvt, double[] rdiag, double[] acnorm, double[] wa) {
        for (int j = 0; j < n; j++) {
            acnorm[j] = enorm(a[j], 0, m);
            rdiag[j] = acnorm[j];
            wa[j] = rdiag[j];
            ipvt[j] = j;
        }
        int minmn = Math.min(m, n);
        for (int j = 0; j < minmn; j++) {
            int kmax = j;
            for (int k = j; k < n; k++) {
                if (rdiag[k] > rdiag[kmax]) {
                    kmax = k;
                }
            }
            if (kmax != j) {
                double[] column = a[j];
                a[j] = a[kmax];
                a[kmax] = column;
                rdiag[kmax] = rdiag[j];
                wa[kmax] = wa[j];
                int k = ipvt[j];
                ipvt[j] = ipvt[kmax];
                ipvt[kmax] = k;
            }
            double[] aj = a[j];
            double ajnorm = enorm(aj, j, m);
            if (ajnorm != 0) {
                if (aj[j] < 0) {
                    ajnorm = -ajnorm;
                }
                for (int i = j; i < m; i++) {
                    aj[i] /= ajnorm;
                }
                aj[j] += 1;
                for (int k = j + 1; k < n; k++) {
                    double[] ak = a[k];
                    double sum = 0;
                    for (int i = j; i < m; i++) {
                        sum += aj[i] * ak[i];
                    }
                    double temp = sum / aj[j];
                    for (int i = j; i < m; i++) {
                        ak[i] -= temp * aj[i];
                    }
                    if (rdiag[k] != 0) {
                        temp = ak[j] / rdiag[k];
                        rdiag[k] *= Math.sqrt(Math.max(0, 1 - temp * temp));
                        if (0.05 * (rdiag[k] / wa[k]) * (rdiag[k] / wa[k]) <= EPSMCH) {
                            rdiag[k] = enorm(ak, j + 1, m);
                            wa[k] = rdiag[k];
                        }
                    }
                }
            }
            rdiag[j] = -ajnorm;
        }
    }

    /**
     * {@code qrsolv}: given R and P of {@code A·P = Q·R} and {@code qtb = Qᵀb}, solves
     * {@code A·x = b, D·x = 0} in the least-squares sense for the diagonal D = {@code diag}. R's
     * strict lower triangle receives the factor S of {@code Pᵀ(AᵀA + DD)P = SᵀS}, with its diagonal
     * in {@code sdiag}; R's upper triangle and diagonal are kept. {@code wa} is scratch.
     */
    static void qrsolv(
            int n, double[][] r, int[] ipvt, double[] diag, double[] qtb, double[] x, double[] sdiag, double[] wa) {
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                r[j][i] = r[i][j];
            }
            x[j] = r[j][j];
            wa[j] = qtb[j];
        }
        for (int j = 0; j < n; j++) {
            int l = ipvt[j];
            if (diag[l] != 0) {
                for (int k = j; k < n; k++) {
                    sdiag[k] = 0;
                }
                sdiag[j] = diag[l];
                double qtbpj = 0;
                for (int k = j; k < n; k++) {
                    if (sdiag[k] == 0) {
                        continue;
                    }
                    double sin;
                    double cos;
                    if (Math.abs(r[k][k]) < Math.abs(sdiag[k])) {
                        double cotan = r[k][k] / sdiag[k];
                        sin = 0.5 / Math.sqrt(0.25 + 0.25 * cotan * cotan);
                        cos = sin * cotan;
                    } else {
                        double tan = sdiag[k] / r[k][k];
                        cos = 0.5 / Math.sqrt(0.25 + 0.25 * tan * tan);
                        sin = cos * tan;
                    }
                    r[k][k] = cos * r[k][k] + sin * sdiag[k];
                    double temp = cos * wa[k] + sin * qtbpj;
                    qtbpj = -sin * wa[k] + cos * qtbpj;
                    wa[k] = temp;
                    for (int i = k + 1; i < n; i++) {
                        temp = cos * r[k][i] + sin * sdiag[i];
                        sdiag[i] = -sin * r[k][i] + cos * sdiag[i];
                        r[k][i] = temp;
                    }
                }
            }
            sdiag[j] = r[j][j];
            r[j][j] = x[j];
        }
        int nsing = n;
        for (int j = 0; j < n; j++) {
            if (sdiag[j] == 0 && nsing == n) {
                nsing = j;
            }
            if (nsing < n) {
                wa[j] = 0;
            }
        }
        for (int j = nsing - 1; j >= 0; j--) {
            double sum = 0;
            for (int i = j + 1; i < nsing; i++) {
                sum += r[j][i] * wa[i];
            }
            wa[j] = (wa[j] - sum) / sdiag[j];
        }
        for (int j = 0; j < n; j++) {
            x[ipvt[j]] = wa[j];
        }
    }

    /**
     * {@code lmpar}: the Levenberg-Marquardt parameter {@code par} (returned) such that the
     * solution x of {@code A·x = b, √par·D·x = 0} has {@code |D·x|} within 10% of {@code delta}, or
     * par = 0 if the Gauss-Newton step is already that short; x goes to {@code x}, S's diagonal
     * to {@code sdiag}. {@code par} is the previous value, the starting guess.
     */
    static double lmpar(
            int n,
            double[][] r,
            int[] ipvt,
            double[] diag,
            double[] qtb,
            double delta,
            double par,
            double[] x,
            double[] sdiag,
            double[] wa1,
            double[] wa2) {
        int nsing = n;
        for (int j = 0; j < n; j++) {
            wa1[j] = qtb[j];
            if (r[j][j] == 0 && nsing == n) {
                nsing = j;
            }
            if (nsing < n) {
                wa1[j] = 0;
            }
        }
        for (int j = nsing - 1; j >= 0; j--) {
            wa1[j] /= r[j][j];
            double temp = wa1[j];
            for (int i = 0; i < j; i++) {
                wa1[i] -= r[j][i] * temp;
            }
        }
        for (int j = 0; j < n; j++) {
            x[ipvt[j]] = wa1[j];
        }
        int iter = 0;
        for (int j = 0; j < n; j++) {
            wa2[j] = diag[j] * x[j];
        }
        double dxnorm = enorm(wa2, 0, n);
        double fp = dxnorm - delta;
        if (fp <= 0.1 * delta) {
            return 0;
        }
        double parl = 0;
        if (nsing >= n) {
            for (int j = 0; j < n; j++) {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < j; i++) {
                    sum += r[j][i] * wa1[i];
                }
                wa1[j] = (wa1[j] - sum) / r[j][j];
            }
            double temp = enorm(wa1, 0, n);
            parl = ((fp / delta) / temp) / temp;
        }
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i <= j; i++) {
                sum += r[j][i] * qtb[i];
            }
            wa1[j] = sum / diag[ipvt[j]];
        }
        double gnorm = enorm(wa1, 0, n);
        double paru = gnorm / delta;
        if (paru == 0) {
            paru = DWARF / Math.min(delta, 0.1);
        }
        par = Math.max(par, parl);
        par = Math.min(par, paru);
        if (par == 0) {
            par = gnorm / dxnorm;
        }
        while (true) {
            iter++;
            if (par == 0) {
                par = Math.max(DWARF, 0.001 * paru);
            }
            double temp = Math.sqrt(par);
            for (int j = 0; j < n; j++) {
                wa1[j] = temp * diag[j];
            }
            qrsolv(n, r, ipvt, wa1, qtb, x, sdiag, wa2);
            for (int j = 0; j < n; j++) {
                wa2[j] = diag[j] * x[j];
            }
            dxnorm = enorm(wa2, 0, n);
            temp = fp;
            fp = dxnorm - delta;
            if (Math.abs(fp) <= 0.1 * delta || (parl == 0 && fp <= temp && temp < 0) || iter == 10) {
                return par;
            }
            for (int j = 0; j < n; j++) {
                int l = ipvt[j];
                wa1[j] = diag[l] * (wa2[l] / dxnorm);
            }
            for (int j = 0; j < n; j++) {
                wa1[j] /= sdiag[j];
                temp = wa1[j];
                for (int i = j + 1; i < n; i++) {
                    wa1[i] -= r[j][i] * temp;
                }
            }
            temp = enorm(wa1, 0, n);
            double parc = ((fp / delta) / temp) / temp;
            if (fp > 0) {
                parl = Math.max(parl, par);
            }
            if (fp < 0) {
                paru = Math.min(paru, par);
            }
            par = Math.max(parl, par + parc);
        }
    }
}

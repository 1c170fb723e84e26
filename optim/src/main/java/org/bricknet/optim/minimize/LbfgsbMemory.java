package org.bricknet.optim.minimize;

/**
 * The limited-memory BFGS matrix of {@link Lbfgsb} in compact form (Byrd, Nocedal &amp; Schnabel
 * 1994): {@code B = θ·I − W·M·Wᵀ} with {@code W = [Y, θ·S]} from the last {@code col ≤ m} pairs
 * {@code s = x₊ − x}, {@code y = g₊ − g}, and
 * <pre>
 *   M = [ −D    Lᵀ  ]⁻¹     D = diag(sᵢᵀyᵢ),  L = the strictly lower part of SᵀY,
 *       [  L   θSᵀS ]       θ = yᵀy / sᵀy of the newest pair.
 * </pre>
 * It keeps S and Y (a ring of {@code m} columns starting at {@code head}), {@code SᵀY},
 * {@code SᵀS}, and the Cholesky factor of {@code T = θ·SᵀS + L·D⁻¹·Lᵀ} ({@code wt}), which
 * {@link #bmv} uses to multiply by M. These are the {@code ws, wy, sy, ss, wt} of
 * {@code lbfgsb.f} (routines {@code matupd}, {@code formt}, {@code bmv}), with 0-based indices;
 * the triangular helpers are LINPACK's {@code dpofa} and {@code dtrsl}.
 */
final class LbfgsbMemory {
    final int m;
    /** {@code ws[k]} and {@code wy[k]}: the k-th pair of the ring, each of length n. */
    final double[][] ws;

    final double[][] wy;
    /** {@code sy[i][j] = sᵢᵀyⱼ} and {@code ss[i][j] = sᵢᵀsⱼ}, oldest pair first. */
    final double[][] sy;

    final double[][] ss;
    /** The upper Cholesky factor of T (formt). */
    final double[][] wt;

    double theta = 1;
    /** Pairs held, and where the oldest and newest sit in the ring. */
    int col;

    int head;
    int itail;
    /** Updates made since the last reset, and whether the last iteration made one. */
    int iupdat;

    boolean updatd;

    LbfgsbMemory(int n, int m) {
        this.m = m;
        ws = new double[m][n];
        wy = new double[m][n];
        sy = new double[m][m];
        ss = new double[m][m];
        wt = new double[m][m];
    }

    /** Forgets every pair: B becomes the identity. */
    void reset() {
        col = 0;
        head = 0;
        theta = 1;
        iupdat = 0;
        updatd = false;
    }

    int next(int pointer) {
        return (pointer + 1) % m;
    }

    /**
     * {@code matupd}: adds the pair {@code s = d}, {@code y = r} (iupdat already counted), with
     * {@code rr = yᵀy}, {@code dr = sᵀy}, {@code dtd = |d|²} of the unscaled direction and the step
     * {@code stp} it was scaled by.
     */
    void add(double[] d, double[] r, double rr, double dr, double stp, double dtd) {
        if (iupdat <= m) {
            col = iupdat;
            itail = (head + iupdat - 1) % m;
        } else {
            itail = next(itail);
            head = next(head);
        }
        System.arraycopy(d, 0, ws[itail], 0, d.length);
        System.arraycopy(r, 0, wy[itail], 0, r.length);
        theta = rr / dr;
        if (iupdat > m) {
            for (int j = 0; j < col - 1; j++) {
                for (int i = 0; i <= j; i++) {
                    ss[i][j] = ss[i + 1][j + 1];
                }
                for (int i = j; i < col - 1; i++) {
                    sy[i][j] = sy[i + 1][j + 1];
                }
            }
        }
        int pointr = head;
        for (int j = 0; j < col - 1; j++) {
            sy[col - 1][j] = Vectors.dot(d, wy[pointr]);
            ss[j][col - 1] = Vectors.dot(ws[pointr], d);
            pointr = next(pointr);
        }
        ss[col - 1][col - 1] = stp == 1 ? dtd : stp * stp * dtd;
        sy[col - 1][col - 1] = dr;
    }

    /** {@code formt}: factors {@code T = θ·SᵀS + L·D⁻¹·Lᵀ} into {@code wt}; false if T is not positive definite. */
    boolean formT() {
        for (int j = 0; j < col; j++) {
            wt[0][j] = theta * ss[0][j];
        }
        for (int i = 1; i < col; i++) {
            for (int j = i; j < col; j++) {
                double ddum = 0;
                for (int k = 0; k < i; k++) {
                    ddum += sy[i][k] * sy[j][k] / sy[k][k];
                }
                wt[i][j] = ddum + theta * ss[i][j];
            }
        }
        return choleskyUpper(wt, 0, col);
    }

    /** {@code bmv}: {@code p = M·v} for vectors of length {@code 2·col}; false if a triangle is singular. */
    boolean bmv(double[] v, double[] p) {
        if (col == 0) {
            return true;
        }
        p[col] = v[col];
        for (int i = 1; i < col; i++) {
            double sum = 0;
            for (int k = 0; k < i; k++) {
                sum += sy[i][k] * v[k] / sy[k][k];
            }
            p[col + i] = v[col + i] + sum;
        }
        if (!solveTransposed(wt, 0, col, p, col)) {
            return false;
        }
        for (int i = 0; i < col; i++) {
            p[i] = v[i] / Math.sqrt(sy[i][i]);
        }
        if (!solve(wt, 0, col, p, col)) {
            return false;
        }
        for (int i = 0; i < col; i++) {
            p[i] = -p[i] / Math.sqrt(sy[i][i]);
        }
        for (int i = 0; i < col; i++) {
            double sum = 0;
            for (int k = i + 1; k < col; k++) {
                sum += sy[k][i] * p[col + k] / sy[i][i];
            }
            p[i] += sum;
        }
        return true;
    }

    /**
     * LINPACK's {@code dpofa}: the upper Cholesky factor R ({@code A = RᵀR}) of the {@code n×n}
     * block of {@code a} at row and column {@code o}, in place; false if A is not positive definite.
     */
    static boolean choleskyUpper(double[][] a, int o, int n) {
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < j; k++) {
                double t = a[o + k][o + j];
                for (int i = 0; i < k; i++) {
                    t -= a[o + i][o + k] * a[o + i][o + j];
                }
                t /= a[o + k][o + k];
                a[o + k][o + j] = t;
                s += t * t;
            }
            s = a[o + j][o + j] - s;
            if (s <= 0) {
                return false;
            }
            a[o + j][o + j] = Math.sqrt(s);
        }
        return true;
    }

    /** {@code dtrsl} job 11: solves {@code Rᵀ·x = b} for the upper triangle R of the n×n block at o; b at {@code b[bo..]}. */
    static boolean solveTransposed(double[][] r, int o, int n, double[] b, int bo) {
        if (singular(r, o, n)) {
            return false;
        }
        b[bo] /= r[o][o];
        for (int j = 1; j < n; j++) {
            double dot = 0;
            for (int i = 0; i < j; i++) {
                dot += r[o + i][o + j] * b[bo + i];
            }
            b[bo + j] = (b[bo + j] - dot) / r[o + j][o + j];
        }
        return true;
    }

    /** {@code dtrsl} job 01: solves {@code R·x = b} for the upper triangle R of the n×n block at o; b at {@code b[bo..]}. */
    static boolean solve(double[][] r, int o, int n, double[] b, int bo) {
        if (singular(r, o, n)) {
            return false;
        }
        b[bo + n - 1] /= r[o + n - 1][o + n - 1];
        for (int j = n - 2; j >= 0; j--) {
            double temp = -b[bo + j + 1];
            for (int i = 0; i <= j; i++) {
                b[bo + i] += temp * r[o + i][o + j + 1];
            }
            b[bo + j] /= r[o + j][o + j];
        }
        return true;
    }

    private static boolean singular(double[][] r, int o, int n) {
        for (int i = 0; i < n; i++) {
            if (r[o + i][o + i] == 0) {
                return true;
            }
        }
        return false;
    }
}

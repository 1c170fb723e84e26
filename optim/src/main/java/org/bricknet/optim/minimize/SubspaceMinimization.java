package org.bricknet.optim.minimize;

/**
 * The subspace minimization of {@link Lbfgsb} (Byrd, Lu, Nocedal &amp; Zhu 1995, section 5.1, the
 * direct primal method, with Morales and Nocedal's 2011 projection; {@code freev}, {@code formk},
 * {@code cmprlb} and {@code subsm} of {@code lbfgsb.f}): with the variables at bounds at the
 * Cauchy point held fixed, it minimizes the quadratic model over the free ones, starting from the
 * Cauchy point, by the compact form of the reduced inverse Hessian, then projects the result onto
 * the box (falling back to the longest feasible step along it if the projection points uphill).
 *
 * <p>It keeps, from iteration to iteration, which variables are free ({@code index}, the first
 * {@code nfree} of them) and the {@code 2m×2m} matrices {@code wn1} (the inner products
 * {@code YᵀZZᵀY}, {@code SᵀAAᵀS}, … over free (Z) and active (A) variables, updated for the
 * variables that enter and leave) and {@code wn} (the factored middle matrix K).
 */
final class SubspaceMinimization {
    private final LbfgsbMemory mem;
    private final int n;
    private final int m;
    /** Free variables first ({@code index[0..nfree)}), then the active ones. */
    final int[] index;
    /** Variables entering the free set ({@code indx2[0..nenter)}) and leaving it ({@code indx2[ileave..n)}). */
    final int[] indx2;

    int nfree;
    private int nenter;
    private int ileave;
    private final double[][] wn;
    private final double[][] wn1;

    SubspaceMinimization(LbfgsbMemory mem, int n) {
        this.mem = mem;
        this.n = n;
        this.m = mem.m;
        index = new int[n];
        indx2 = new int[n];
        nfree = n;
        wn = new double[2 * m][2 * m];
        wn1 = new double[2 * m][2 * m];
    }

    /**
     * {@code freev}: the free set at the Cauchy point from {@code iwhere}, and which variables
     * entered or left it since the last iteration. Returns whether K must be formed again.
     */
    boolean freeVariables(int[] iwhere, boolean cnstnd, int iter) {
        nenter = 0;
        ileave = n;
        if (iter > 0 && cnstnd) {
            for (int i = 0; i < nfree; i++) {
                int k = index[i];
                if (iwhere[k] > 0) {
                    indx2[--ileave] = k;
                }
            }
            for (int i = nfree; i < n; i++) {
                int k = index[i];
                if (iwhere[k] <= 0) {
                    indx2[nenter++] = k;
                }
            }
        }
        boolean wrk = ileave < n || nenter > 0 || mem.updatd;
        nfree = 0;
        int iact = n;
        for (int i = 0; i < n; i++) {
            if (iwhere[i] <= 0) {
                index[nfree++] = i;
            } else {
                index[--iact] = i;
            }
        }
        return wrk;
    }

    /** {@code formk}: forms and factors K = LELᵀ for the current free set; false if it is not definite. */
    boolean formK() {
        double[][] ws = mem.ws;
        double[][] wy = mem.wy;
        int col = mem.col;
        int head = mem.head;
        int upcl;
        if (mem.updatd) {
            if (mem.iupdat > m) {
                for (int jy = 0; jy < m - 1; jy++) {
                    int js = m + jy;
                    for (int k = 0; k < m - jy - 1; k++) {
                        wn1[jy + k][jy] = wn1[jy + 1 + k][jy + 1];
                        wn1[js + k][js] = wn1[js + 1 + k][js + 1];
                    }
                    for (int k = 0; k < m - 1; k++) {
                        wn1[m + k][jy] = wn1[m + 1 + k][jy + 1];
                    }
                }
            }
            int iy = col - 1;
            int is = m + col - 1;
            int ipntr = (head + col - 1) % m;
            int jpntr = head;
            for (int jy = 0; jy < col; jy++) {
                int js = m + jy;
                double temp1 = 0;
                double temp2 = 0;
                double temp3 = 0;
                for (int k = 0; k < nfree; k++) {
                    int k1 = index[k];
                    temp1 += wy[ipntr][k1] * wy[jpntr][k1];
                }
                for (int k = nfree; k < n; k++) {
                    int k1 = index[k];
                    temp2 += ws[ipntr][k1] * ws[jpntr][k1];
                    temp3 += ws[ipntr][k1] * wy[jpntr][k1];
                }
                wn1[iy][jy] = temp1;
                wn1[is][js] = temp2;
                wn1[is][jy] = temp3;
                jpntr = mem.next(jpntr);
            }
            int jy = col - 1;
            jpntr = (head + col - 1) % m;
            ipntr = head;
            for (int i = 0; i < col; i++) {
                int isi = m + i;
                double temp3 = 0;
                for (int k = 0; k < nfree; k++) {
                    int k1 = index[k];
                    temp3 += ws[ipntr][k1] * wy[jpntr][k1];
                }
                ipntr = mem.next(ipntr);
                wn1[isi][jy] = temp3;
            }
            upcl = col - 1;
        } else {
            upcl = col;
        }
        int ipntr = head;
        for (int iy = 0; iy < upcl; iy++) {
            int is = m + iy;
            int jpntr = head;
            for (int jy = 0; jy <= iy; jy++) {
                int js = m + jy;
                double temp1 = 0;
                double temp2 = 0;
                double temp3 = 0;
                double temp4 = 0;
                for (int k = 0; k < nenter; k++) {
                    int k1 = indx2[k];
                    temp1 += wy[ipntr][k1] * wy[jpntr][k1];
                    temp2 += ws[ipntr][k1] * ws[jpntr][k1];
                }
                for (int k = ileave; k < n; k++) {
                    int k1 = indx2[k];
                    temp3 += wy[ipntr][k1] * wy[jpntr][k1];
                    temp4 += ws[ipntr][k1] * ws[jpntr][k1];
                }
                wn1[iy][jy] = wn1[iy][jy] + temp1 - temp3;
                wn1[is][js] = wn1[is][js] - temp2 + temp4;
                jpntr = mem.next(jpntr);
            }
            ipntr = mem.next(ipntr);
        }
        ipntr = head;
        for (int is = m; is < m + upcl; is++) {
            int jpntr = head;
            for (int jy = 0; jy < upcl; jy++) {
                double temp1 = 0;
                double temp3 = 0;
                for (int k = 0; k < nenter; k++) {
                    int k1 = indx2[k];
                    temp1 += ws[ipntr][k1] * wy[jpntr][k1];
                }
                for (int k = ileave; k < n; k++) {
                    int k1 = indx2[k];
                    temp3 += ws[ipntr][k1] * wy[jpntr][k1];
                }
                if (is <= jy + m) {
                    wn1[is][jy] = wn1[is][jy] + temp1 - temp3;
                } else {
                    wn1[is][jy] = wn1[is][jy] - temp1 + temp3;
                }
                jpntr = mem.next(jpntr);
            }
            ipntr = mem.next(ipntr);
        }
        double theta = mem.theta;
        for (int iy = 0; iy < col; iy++) {
            int is = col + iy;
            int is1 = m + iy;
            for (int jy = 0; jy <= iy; jy++) {
                int js = col + jy;
                int js1 = m + jy;
                wn[jy][iy] = wn1[iy][jy] / theta;
                wn[js][is] = wn1[is1][js1] * theta;
            }
            for (int jy = 0; jy < iy; jy++) {
                wn[jy][is] = -wn1[is1][jy];
            }
            for (int jy = iy; jy < col; jy++) {
                wn[jy][is] = wn1[is1][jy];
            }
            wn[iy][iy] += mem.sy[iy][iy];
        }
        if (!LbfgsbMemory.choleskyUpper(wn, 0, col)) {
            return false;
        }
        int col2 = 2 * col;
        double[] column = new double[col];
        for (int js = col; js < col2; js++) {
            for (int i = 0; i < col; i++) {
                column[i] = wn[i][js];
            }
            LbfgsbMemory.solveTransposed(wn, 0, col, column, 0);
            for (int i = 0; i < col; i++) {
                wn[i][js] = column[i];
            }
        }
        for (int is = col; is < col2; is++) {
            for (int js = is; js < col2; js++) {
                double sum = 0;
                for (int i = 0; i < col; i++) {
                    sum += wn[i][is] * wn[i][js];
                }
                wn[is][js] += sum;
            }
        }
        return LbfgsbMemory.choleskyUpper(wn, col, col);
    }

    /**
     * {@code cmprlb}: the reduced gradient of the model at the Cauchy point {@code z}, over the
     * free variables, into {@code r[0..nfree)}; {@code c} is the Cauchy point's {@code Wᵀ(z − x)}
     * and {@code wa} scratch of length 2m. False if a product with M failed.
     */
    boolean reducedGradient(double[] x, double[] g, double[] z, double[] r, double[] c, double[] wa, boolean cnstnd) {
        int col = mem.col;
        if (!cnstnd && col > 0) {
            for (int i = 0; i < n; i++) {
                r[i] = -g[i];
            }
            return true;
        }
        double theta = mem.theta;
        for (int i = 0; i < nfree; i++) {
            int k = index[i];
            r[i] = -theta * (z[k] - x[k]) - g[k];
        }
        if (!mem.bmv(c, wa)) {
            return false;
        }
        int pointr = mem.head;
        for (int j = 0; j < col; j++) {
            double a1 = wa[j];
            double a2 = theta * wa[col + j];
            for (int i = 0; i < nfree; i++) {
                int k = index[i];
                r[i] += mem.wy[pointr][k] * a1 + mem.ws[pointr][k] * a2;
            }
            pointr = mem.next(pointr);
        }
        return true;
    }

    /**
     * {@code subsm}: moves {@code z} (the Cauchy point) to the projected minimizer of the model over
     * the free variables, given their reduced gradient {@code d} (overwritten by the step); {@code x}
     * and {@code g} are the current iterate and gradient, {@code xp} and {@code wv} scratch. False
     * if a triangle was singular.
     */
    boolean minimize(
            double[] l,
            double[] u,
            int[] nbd,
            double[] z,
            double[] d,
            double[] xp,
            double[] x,
            double[] g,
            double[] wv) {
        int nsub = nfree;
        if (nsub <= 0) {
            return true;
        }
        int col = mem.col;
        double theta = mem.theta;
        int pointr = mem.head;
        for (int i = 0; i < col; i++) {
            double temp1 = 0;
            double temp2 = 0;
            for (int j = 0; j < nsub; j++) {
                int k = index[j];
                temp1 += mem.wy[pointr][k] * d[j];
                temp2 += mem.ws[pointr][k] * d[j];
            }
            wv[i] = temp1;
            wv[col + i] = theta * temp2;
            pointr = mem.next(pointr);
        }
        int col2 = 2 * col;
        if (!LbfgsbMemory.solveTransposed(wn, 0, col2, wv, 0)) {
            return false;
        }
        for (int i = 0; i < col; i++) {
            wv[i] = -wv[i];
        }
        if (!LbfgsbMemory.solve(wn, 0, col2, wv, 0)) {
            return false;
        }
        pointr = mem.head;
        for (int jy = 0; jy < col; jy++) {
            int js = col + jy;
            for (int i = 0; i < nsub; i++) {
                int k = index[i];
                d[i] += mem.wy[pointr][k] * wv[jy] / theta + mem.ws[pointr][k] * wv[js];
            }
            pointr = mem.next(pointr);
        }
        double scale = 1 / theta;
        for (int i = 0; i < nsub; i++) {
            d[i] *= scale;
        }
        System.arraycopy(z, 0, xp, 0, n);
        boolean atBound = false;
        for (int i = 0; i < nsub; i++) {
            int k = index[i];
            double dk = d[i];
            double xk = z[k];
            if (nbd[k] == 1) {
                z[k] = Math.max(l[k], xk + dk);
                atBound |= z[k] == l[k];
            } else if (nbd[k] == 2) {
                z[k] = Math.min(u[k], Math.max(l[k], xk + dk));
                atBound |= z[k] == l[k] || z[k] == u[k];
            } else if (nbd[k] == 3) {
                z[k] = Math.min(u[k], xk + dk);
                atBound |= z[k] == u[k];
            } else {
                z[k] = xk + dk;
            }
        }
        if (!atBound) {
            return true;
        }
        double ddP = 0;
        for (int i = 0; i < n; i++) {
            ddP += (z[i] - x[i]) * g[i];
        }
        if (ddP <= 0) {
            return true;
        }
        System.arraycopy(xp, 0, z, 0, n);
        double alpha = 1;
        double temp1 = alpha;
        int ibd = -1;
        for (int i = 0; i < nsub; i++) {
            int k = index[i];
            double dk = d[i];
            if (nbd[k] != 0) {
                if (dk < 0 && nbd[k] <= 2) {
                    double temp2 = l[k] - z[k];
                    if (temp2 >= 0) {
                        temp1 = 0;
                    } else if (dk * alpha < temp2) {
                        temp1 = temp2 / dk;
                    }
                } else if (dk > 0 && nbd[k] >= 2) {
                    double temp2 = u[k] - z[k];
                    if (temp2 <= 0) {
                        temp1 = 0;
                    } else if (dk * alpha > temp2) {
                        temp1 = temp2 / dk;
                    }
                }
                if (temp1 < alpha) {
                    alpha = temp1;
                    ibd = i;
                }
            }
        }
        if (alpha < 1) {
            double dk = d[ibd];
            int k = index[ibd];
            if (dk > 0) {
                z[k] = u[k];
                d[ibd] = 0;
            } else if (dk < 0) {
                z[k] = l[k];
                d[ibd] = 0;
            }
        }
        for (int i = 0; i < nsub; i++) {
            int k = index[i];
            z[k] += alpha * d[i];
        }
        return true;
    }
}

package org.bricknet.optim.minimize;

import java.util.Arrays;

/**
 * The generalized Cauchy point of {@link Lbfgsb} (Byrd, Lu, Nocedal &amp; Zhu 1995, section 4;
 * {@code cauchy} and {@code hpsolb} of {@code lbfgsb.f}): the first local minimizer of the
 * quadratic model {@code m(x) = f + gᵀ(x − x_k) + ½(x − x_k)ᵀB(x − x_k)} along the projected
 * steepest-descent path {@code P(x_k − t·g)}. The path bends at the breakpoints where a variable
 * reaches a bound; they are visited in increasing order through a heap, and on each segment the
 * model's slope {@code f1} and curvature {@code f2} are updated in {@code O(m)} (plus one product
 * with M). Variables fixed on the way get {@code iwhere} 1 (at the lower bound) or 2 (upper).
 */
final class CauchyPoint {
    private CauchyPoint() {}

    /** Work vectors of length {@code 2m}: {@code p = Wᵀd}, {@code c = Wᵀ(xcp − x)}, and scratch. */
    static final class Work {
        final double[] p;
        final double[] c;
        final double[] wbp;
        final double[] v;

        Work(int m) {
            p = new double[2 * m];
            c = new double[2 * m];
            wbp = new double[2 * m];
            v = new double[2 * m];
        }
    }

    /**
     * Writes the Cauchy point into {@code xcp}, the path direction into {@code d}, updates
     * {@code iwhere}, and leaves {@code c = Wᵀ(xcp − x)} in {@code w.c}; {@code t} and {@code iorder}
     * are scratch of length n. Returns false if a product with M met a singular triangle.
     */
    static boolean compute(
            double[] x,
            double[] l,
            double[] u,
            int[] nbd,
            double[] g,
            int[] iorder,
            int[] iwhere,
            double[] t,
            double[] d,
            double[] xcp,
            LbfgsbMemory mem,
            Work w,
            double sbgnrm,
            double epsmch) {
        int n = x.length;
        if (sbgnrm <= 0) {
            System.arraycopy(x, 0, xcp, 0, n);
            return true;
        }
        int col = mem.col;
        int m = mem.m;
        double theta = mem.theta;
        double[] p = w.p;
        double[] c = w.c;
        boolean bnded = true;
        int nfree = n;
        int nbreak = 0;
        int ibkmin = 0;
        double tl = 0;
        double tu = 0;
        double bkmin = 0;
        int col2 = 2 * col;
        double f1 = 0;
        Arrays.fill(p, 0, col2, 0);
        for (int i = 0; i < n; i++) {
            double neggi = -g[i];
            if (iwhere[i] != 3 && iwhere[i] != -1) {
                if (nbd[i] <= 2) {
                    tl = x[i] - l[i];
                }
                if (nbd[i] >= 2) {
                    tu = u[i] - x[i];
                }
                boolean xlower = nbd[i] <= 2 && tl <= 0;
                boolean xupper = nbd[i] >= 2 && tu <= 0;
                iwhere[i] = 0;
                if (xlower) {
                    if (neggi <= 0) {
                        iwhere[i] = 1;
                    }
                } else if (xupper) {
                    if (neggi >= 0) {
                        iwhere[i] = 2;
                    }
                } else if (Math.abs(neggi) <= 0) {
                    iwhere[i] = -3;
                }
            }
            int pointr = mem.head;
            if (iwhere[i] != 0 && iwhere[i] != -1) {
                d[i] = 0;
            } else {
                d[i] = neggi;
                f1 -= neggi * neggi;
                for (int j = 0; j < col; j++) {
                    p[j] += mem.wy[pointr][i] * neggi;
                    p[col + j] += mem.ws[pointr][i] * neggi;
                    pointr = mem.next(pointr);
                }
                if (nbd[i] <= 2 && nbd[i] != 0 && neggi < 0) {
                    iorder[nbreak] = i;
                    t[nbreak] = tl / (-neggi);
                    if (nbreak == 0 || t[nbreak] < bkmin) {
                        bkmin = t[nbreak];
                        ibkmin = nbreak;
                    }
                    nbreak++;
                } else if (nbd[i] >= 2 && neggi > 0) {
                    iorder[nbreak] = i;
                    t[nbreak] = tu / neggi;
                    if (nbreak == 0 || t[nbreak] < bkmin) {
                        bkmin = t[nbreak];
                        ibkmin = nbreak;
                    }
                    nbreak++;
                } else {
                    nfree--;
                    iorder[nfree] = i;
                    if (Math.abs(neggi) > 0) {
                        bnded = false;
                    }
                }
            }
        }
        if (theta != 1) {
            for (int j = col; j < col2; j++) {
                p[j] *= theta;
            }
        }
        System.arraycopy(x, 0, xcp, 0, n);
        if (nbreak == 0 && nfree == n) {
            return true;
        }
        Arrays.fill(c, 0, col2, 0);
        double f2 = -theta * f1;
        double f2Org = f2;
        if (col > 0) {
            if (!mem.bmv(p, w.v)) {
                return false;
            }
            f2 -= dot(w.v, p, col2);
        }
        double dtm = -f1 / f2;
        double tsum = 0;
        if (nbreak > 0) {
            int nleft = nbreak;
            int iter = 1;
            double tj = 0;
            while (true) {
                double tj0 = tj;
                int ibp;
                if (iter == 1) {
                    tj = bkmin;
                    ibp = iorder[ibkmin];
                } else {
                    if (iter == 2 && ibkmin != nbreak - 1) {
                        t[ibkmin] = t[nbreak - 1];
                        iorder[ibkmin] = iorder[nbreak - 1];
                    }
                    heapPop(nleft, t, iorder, iter - 2);
                    tj = t[nleft - 1];
                    ibp = iorder[nleft - 1];
                }
                double dt = tj - tj0;
                if (dtm < dt) {
                    break;
                }
                tsum += dt;
                nleft--;
                iter++;
                double dibp = d[ibp];
                d[ibp] = 0;
                double zibp;
                if (dibp > 0) {
                    zibp = u[ibp] - x[ibp];
                    xcp[ibp] = u[ibp];
                    iwhere[ibp] = 2;
                } else {
                    zibp = l[ibp] - x[ibp];
                    xcp[ibp] = l[ibp];
                    iwhere[ibp] = 1;
                }
                if (nleft == 0 && nbreak == n) {
                    if (col > 0) {
                        axpy(dt, p, c, col2);
                    }
                    return true;
                }
                double dibp2 = dibp * dibp;
                f1 = f1 + dt * f2 + dibp2 - theta * dibp * zibp;
                f2 = f2 - theta * dibp2;
                if (col > 0) {
                    axpy(dt, p, c, col2);
                    int pointr = mem.head;
                    for (int j = 0; j < col; j++) {
                        w.wbp[j] = mem.wy[pointr][ibp];
                        w.wbp[col + j] = theta * mem.ws[pointr][ibp];
                        pointr = mem.next(pointr);
                    }
                    if (!mem.bmv(w.wbp, w.v)) {
                        return false;
                    }
                    double wmc = dot(c, w.v, col2);
                    double wmp = dot(p, w.v, col2);
                    double wmw = dot(w.wbp, w.v, col2);
                    axpy(-dibp, w.wbp, p, col2);
                    f1 += dibp * wmc;
                    f2 += 2.0 * dibp * wmp - dibp2 * wmw;
                }
                f2 = Math.max(epsmch * f2Org, f2);
                if (nleft > 0) {
                    dtm = -f1 / f2;
                } else {
                    dtm = bnded ? 0 : -f1 / f2;
                    break;
                }
            }
        }
        if (dtm <= 0) {
            dtm = 0;
        }
        tsum += dtm;
        for (int i = 0; i < n; i++) {
            xcp[i] += tsum * d[i];
        }
        if (col > 0) {
            axpy(dtm, p, c, col2);
        }
        return true;
    }

    /**
     * {@code hpsolb}: with {@code iheap == 0} first makes {@code t[0..n)} a min-heap; then moves
     * its least element to {@code t[n − 1]} (with its index in {@code iorder}) and restores the
     * heap on {@code t[0..n − 1)}.
     */
    static void heapPop(int n, double[] t, int[] iorder, int iheap) {
        if (iheap == 0) {
            for (int k = 2; k <= n; k++) {
                double ddum = t[k - 1];
                int indxin = iorder[k - 1];
                int i = k;
                while (i > 1) {
                    int j = i / 2;
                    if (ddum < t[j - 1]) {
                        t[i - 1] = t[j - 1];
                        iorder[i - 1] = iorder[j - 1];
                        i = j;
                    } else {
                        break;
                    }
                }
                t[i - 1] = ddum;
                iorder[i - 1] = indxin;
            }
        }
        if (n > 1) {
            int i = 1;
            double out = t[0];
            int indxou = iorder[0];
            double ddum = t[n - 1];
            int indxin = iorder[n - 1];
            while (true) {
                int j = i + i;
                if (j <= n - 1) {
                    if (t[j] < t[j - 1]) {
                        j = j + 1;
                    }
                    if (t[j - 1] < ddum) {
                        t[i - 1] = t[j - 1];
                        iorder[i - 1] = iorder[j - 1];
                        i = j;
                        continue;
                    }
                }
                break;
            }
            t[i - 1] = ddum;
            iorder[i - 1] = indxin;
            t[n - 1] = out;
            iorder[n - 1] = indxou;
        }
    }

    private static double dot(double[] a, double[] b, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] += alpha * x[i];
        }
    }
}

package org.bricknet.optim.minimize;

/** The few vector operations the minimizers need, as plain loops over {@code double[]}. */
final class Vectors {
    private Vectors() {}

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm2(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double normInf(double[] a) {
        double m = 0;
        for (double v : a) {
            double abs = Math.abs(v);
            if (abs > m || Double.isNaN(abs)) {
                m = abs;
            }
        }
        return m;
    }

    /** {@code out = x + alpha·p}. */
    static void step(double[] x, double alpha, double[] p, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + alpha * p[i];
        }
    }

    /** {@code y += alpha·x}. */
    static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}

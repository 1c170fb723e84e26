package org.bricknet.optim.minimize;

/**
 * A function wrapped to count its evaluations (nfev, njev) for the result, and the checks every
 * minimizer makes on its arguments.
 */
final class Counted {
    private final ScalarFunction f;
    int nfev;
    int njev;
    /** Hessian-vector products, −1 for a method that uses none. */
    int nhev = -1;

    Counted(ScalarFunction f) {
        this.f = f;
    }

    double value(double[] x) {
        nfev++;
        return f.value(x);
    }

    double valueAndGradient(double[] x, double[] g) {
        nfev++;
        njev++;
        return ((DifferentiableFunction) f).valueAndGradient(x, g);
    }

    /**
     * {@code ∇f(x)} alone, for a finite-difference Hessian-vector product: it calls
     * {@code valueAndGradient} (so it costs as much) but counts as one gradient evaluation only, as
     * scipy counts its separate {@code jac} calls; the value is not used.
     */
    void gradient(double[] x, double[] g) {
        njev++;
        ((DifferentiableFunction) f).valueAndGradient(x, g);
    }

    OptimizeResult result(double[] x, double fun, double[] jac, int nit, Status status) {
        return result(x, fun, jac, nit, status, "");
    }

    OptimizeResult result(double[] x, double fun, double[] jac, int nit, Status status, String note) {
        return new OptimizeResult(x, fun, jac, nit, nfev, njev, nhev, status, note);
    }

    /** Checks {@code f} and {@code x0} and returns a copy of {@code x0}. */
    static double[] checkStart(String method, Object f, double[] x0) {
        if (f == null) {
            throw new IllegalArgumentException(method + ": expected a function to minimize, got null");
        }
        if (x0 == null) {
            throw new IllegalArgumentException(method + ": expected a start point, got null");
        }
        if (x0.length == 0) {
            throw new IllegalArgumentException(
                    method + ": expected a start point with at least one coordinate, got an empty array");
        }
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException(
                        method + ": expected a finite start point, got " + x0[i] + " at index " + i);
            }
        }
        return x0.clone();
    }

    static double positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + ": expected a finite number > 0, got " + v);
        }
        return v;
    }

    static double nonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + ": expected a finite number >= 0, got " + v);
        }
        return v;
    }

    static int positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + ": expected a count > 0, got " + v);
        }
        return v;
    }
}

package org.bricknet.optim.minimize;

/**
 * What a scalar minimizer ({@link Brent}, {@link Golden}, {@link BoundedBrent}) found, as scipy's
 * {@code minimize_scalar} result: the point {@code x}, {@code fun = f(x)}, the iterations
 * {@code nit}, the evaluations {@code nfev} (those of the bracket search included), and why it
 * stopped.
 */
public record ScalarResult(double x, double fun, int nit, int nfev, Status status) {

    public boolean success() {
        return status.success();
    }

    public String message() {
        return status.message();
    }

    /** Laid out as scipy prints the result of {@code minimize_scalar}. */
    @Override
    public String toString() {
        return " message: " + message() + "\n success: " + (success() ? "True" : "False") + "\n  status: "
                + status.code() + "\n     fun: " + NumpyFormat.repr(fun) + "\n       x: " + NumpyFormat.repr(x)
                + "\n     nit: " + nit + "\n    nfev: " + nfev;
    }
}

package org.bricknet.optim.minimize;

import java.util.Arrays;

/**
 * What a {@link Minimizer} found, as scipy's {@code OptimizeResult}: the point {@code x}, the value
 * {@code fun = f(x)}, the gradient there and its max-norm (NaN for the derivative-free methods),
 * the iterations {@code nit}, the function evaluations {@code nfev}, the gradient evaluations
 * {@code njev}, and why it stopped ({@link #status()}, {@link #success()}, {@link #message()}).
 */
public final class OptimizeResult {
    private final double[] x;
    private final double fun;
    private final double[] jac;
    private final int nit;
    private final int nfev;
    private final int njev;
    private final Status status;

    /** A result; {@code jac} may be null (derivative-free methods). Arrays are copied. */
    public OptimizeResult(double[] x, double fun, double[] jac, int nit, int nfev, int njev, Status status) {
        this.x = x.clone();
        this.fun = fun;
        this.jac = jac == null ? null : jac.clone();
        this.nit = nit;
        this.nfev = nfev;
        this.njev = njev;
        this.status = status;
    }

    /** The point found (a copy). */
    public double[] x() {
        return x.clone();
    }

    /** {@code f(x)}. */
    public double fun() {
        return fun;
    }

    /** {@code ∇f(x)} (a copy), or null for the derivative-free methods. */
    public double[] jac() {
        return jac == null ? null : jac.clone();
    }

    /** {@code max|∇f(x)ᵢ|}, the norm the gtol tests use; NaN when no gradient was computed. */
    public double gradientNorm() {
        return jac == null ? Double.NaN : Vectors.normInf(jac);
    }

    /** Iterations done. */
    public int nit() {
        return nit;
    }

    /** Evaluations of f (a value-and-gradient call counts as one). */
    public int nfev() {
        return nfev;
    }

    /** Evaluations of the gradient. */
    public int njev() {
        return njev;
    }

    public Status status() {
        return status;
    }

    public boolean success() {
        return status.success();
    }

    /** Why it stopped, in words. */
    public String message() {
        return status.message();
    }

    /** The result laid out as scipy prints it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(" message: ").append(message()).append('\n');
        sb.append(" success: ").append(success()).append('\n');
        sb.append("     fun: ").append(fun).append('\n');
        sb.append("       x: ").append(summary(x)).append('\n');
        sb.append("     nit: ").append(nit).append('\n');
        sb.append("    nfev: ").append(nfev).append('\n');
        sb.append("    njev: ").append(njev);
        if (jac != null) {
            sb.append('\n').append("   |jac|: ").append(gradientNorm());
        }
        return sb.toString();
    }

    /** Up to six values of {@code v}, then "...". */
    static String summary(double[] v) {
        if (v.length <= 6) {
            return Arrays.toString(v);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            sb.append(v[i]).append(", ");
        }
        sb.append("... (").append(v.length).append(" values) ..., ").append(v[v.length - 1]);
        return sb.append(']').toString();
    }
}

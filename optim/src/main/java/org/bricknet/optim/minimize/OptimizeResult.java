package org.bricknet.optim.minimize;

/**
 * What a {@link Minimizer} found, as scipy's {@code OptimizeResult}: the point {@code x}, the value
 * {@code fun = f(x)}, the gradient there and its max-norm (NaN for the derivative-free methods),
 * the iterations {@code nit}, the function evaluations {@code nfev}, the gradient evaluations
 * {@code njev}, the Hessian-vector products {@code nhev} (Newton-CG), why it stopped
 * ({@link #status()}, {@link #success()}, {@link #message()}), and a {@link #note()} on anything
 * the method changed on the way in (L-BFGS-B's projection of a start outside the bounds).
 */
public final class OptimizeResult {
    private final double[] x;
    private final double fun;
    private final double[] jac;
    private final int nit;
    private final int nfev;
    private final int njev;
    private final int nhev;
    private final Status status;
    private final String note;

    /** A result; {@code jac} may be null (derivative-free methods). Arrays are copied. */
    public OptimizeResult(double[] x, double fun, double[] jac, int nit, int nfev, int njev, Status status) {
        this(x, fun, jac, nit, nfev, njev, -1, status, "");
    }

    /**
     * A result with Hessian-vector products counted ({@code nhev}; −1 when the method uses none)
     * and a note (empty for none).
     */
    public OptimizeResult(
            double[] x, double fun, double[] jac, int nit, int nfev, int njev, int nhev, Status status, String note) {
        this.x = x.clone();
        this.fun = fun;
        this.jac = jac == null ? null : jac.clone();
        this.nit = nit;
        this.nfev = nfev;
        this.njev = njev;
        this.nhev = nhev;
        this.status = status;
        this.note = note == null ? "" : note;
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

    /** Hessian-vector products by the function's own {@link HessianVectorProduct}; −1 when the method uses none. */
    public int nhev() {
        return nhev;
    }

    /** What the method changed before it started, in one sentence; empty when nothing. */
    public String note() {
        return note;
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

    /**
     * The result laid out as scipy 1.10 prints an {@code OptimizeResult}: keys right-aligned,
     * {@code fun} as Python's {@code repr}, arrays in NumPy's scientific form with three digits
     * (at most 12 values shown). The note, if any, follows on a line of its own.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int width = 8;
        line(sb, width, "message", message());
        line(sb, width, "success", success() ? "True" : "False");
        line(sb, width, "status", Integer.toString(status.code()));
        line(sb, width, "fun", NumpyFormat.repr(fun));
        line(sb, width, "x", NumpyFormat.resultArray(x, width + 2));
        line(sb, width, "nit", Integer.toString(nit));
        if (jac != null) {
            line(sb, width, "jac", NumpyFormat.resultArray(jac, width + 2));
        }
        line(sb, width, "nfev", Integer.toString(nfev));
        if (jac != null) {
            line(sb, width, "njev", Integer.toString(njev));
        }
        if (nhev >= 0) {
            line(sb, width, "nhev", Integer.toString(nhev));
        }
        if (!note.isEmpty()) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private static void line(StringBuilder sb, int width, String key, String value) {
        sb.append(" ".repeat(width - key.length()))
                .append(key)
                .append(": ")
                .append(value)
                .append('\n');
    }
}

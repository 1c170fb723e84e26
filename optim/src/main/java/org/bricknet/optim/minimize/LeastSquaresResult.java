package org.bricknet.optim.minimize;

/**
 * What {@link LevenbergMarquardt} found: the parameters {@code x}, the residuals there and the
 * cost {@code ½·Σ rᵢ²}, the evaluations of the residuals ({@code nfev}, the finite-difference
 * Jacobian's included, as MINPACK counts them) and of a given Jacobian ({@code njev}, 0 when it is
 * formed by differences), why it stopped, and {@code (JᵀJ)⁻¹} from the last factorization of the
 * Jacobian, as scipy's {@code leastsq} returns {@code cov_x} (null when R is singular or the run
 * did not succeed). Multiplied by the residual variance it is the covariance of the parameters;
 * {@link CurveFit} does that.
 */
public final class LeastSquaresResult {
    private final double[] x;
    private final double[] residuals;
    private final int nfev;
    private final int njev;
    private final Status status;
    private final double[][] covariance;

    LeastSquaresResult(double[] x, double[] residuals, int nfev, int njev, Status status, double[][] covariance) {
        this.x = x.clone();
        this.residuals = residuals.clone();
        this.nfev = nfev;
        this.njev = njev;
        this.status = status;
        this.covariance = covariance;
    }

    /** The parameters found (a copy). */
    public double[] x() {
        return x.clone();
    }

    /** The residuals at {@link #x()} (a copy). */
    public double[] residuals() {
        return residuals.clone();
    }

    /** {@code ½·Σ rᵢ²}, as scipy's {@code least_squares} reports {@code cost}. */
    public double cost() {
        double s = 0;
        for (double r : residuals) {
            s += r * r;
        }
        return 0.5 * s;
    }

    /** Evaluations of the residuals, those of a finite-difference Jacobian included. */
    public int nfev() {
        return nfev;
    }

    /** Evaluations of the given Jacobian; 0 when it was formed by differences. */
    public int njev() {
        return njev;
    }

    public Status status() {
        return status;
    }

    public boolean success() {
        return status.success();
    }

    public String message() {
        return status.message();
    }

    /** {@code (JᵀJ)⁻¹} (a copy), scipy's {@code cov_x}; null when it could not be formed. */
    public double[][] covariance() {
        if (covariance == null) {
            return null;
        }
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** Laid out as scipy prints an {@code OptimizeResult} (of {@code least_squares}). */
    @Override
    public String toString() {
        return " message: " + message() + "\n success: " + (success() ? "True" : "False") + "\n  status: "
                + status.code() + "\n    cost: " + NumpyFormat.repr(cost()) + "\n       x: "
                + NumpyFormat.resultArray(x, 10) + "\n     fun: " + NumpyFormat.resultArray(residuals, 10)
                + "\n    nfev: " + nfev + "\n    njev: " + njev;
    }
}

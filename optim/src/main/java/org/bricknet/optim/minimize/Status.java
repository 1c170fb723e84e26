package org.bricknet.optim.minimize;

/** Why a minimizer stopped, in scipy's words where scipy has them. */
public enum Status {
    /** The convergence test passed. */
    SUCCESS(true, "Optimization terminated successfully."),
    /** L-BFGS: the relative reduction of f fell below ftol. */
    SUCCESS_FTOL(true, "Optimization terminated successfully: relative reduction of f <= ftol."),
    /** The iteration limit was reached first. */
    MAX_ITERATIONS(false, "Maximum number of iterations has been exceeded."),
    /** The function-evaluation limit was reached first. */
    MAX_EVALUATIONS(false, "Maximum number of function evaluations has been exceeded."),
    /** The line search found no acceptable step: the gradient is too inexact or f too flat in doubles. */
    PRECISION_LOSS(false, "Desired error not necessarily achieved due to precision loss."),
    /** f or its gradient was NaN or infinite where it must be finite. */
    NOT_FINITE(false, "NaN or infinite result encountered.");

    private final boolean success;
    private final String message;

    Status(boolean success, String message) {
        this.success = success;
        this.message = message;
    }

    public boolean success() {
        return success;
    }

    public String message() {
        return message;
    }
}

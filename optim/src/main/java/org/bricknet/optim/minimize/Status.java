package org.bricknet.optim.minimize;

/**
 * Why a minimizer stopped, in scipy's words where scipy has them. {@link #code()} is the
 * {@code status} number scipy's gradient methods give the same ending (0 for success); scipy's
 * numbering differs a little between methods (Nelder-Mead and Powell say 2 for the iteration
 * limit, 1 for the evaluation limit).
 */
public enum Status {
    /** The convergence test passed. */
    SUCCESS(0, true, "Optimization terminated successfully."),
    /** L-BFGS: the relative reduction of f fell below ftol. */
    SUCCESS_FTOL(0, true, "Optimization terminated successfully: relative reduction of f <= ftol."),
    /** L-BFGS-B: the largest projected-gradient component is at most pgtol. */
    PGTOL(0, true, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL"),
    /** L-BFGS-B: {@code (f_k − f_k+1) / max(|f_k|, |f_k+1|, 1) ≤ factr·ε}. */
    FACTR(0, true, "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH"),
    /** A scalar minimizer ({@code fminbound}) met its tolerance. */
    SOLUTION_FOUND(0, true, "Solution found."),
    /** Levenberg-Marquardt (MINPACK info 1): the sum of squares stopped falling, relative to ftol. */
    LM_FTOL(0, true, "Both actual and predicted relative reductions in the sum of squares are at most ftol."),
    /** Levenberg-Marquardt (info 2): the step is below xtol relative to x. */
    LM_XTOL(0, true, "The relative error between two consecutive iterates is at most xtol."),
    /** Levenberg-Marquardt (info 3): both of the above. */
    LM_FTOL_XTOL(
            0,
            true,
            "Both actual and predicted relative reductions in the sum of squares are at most ftol and the"
                    + " relative error between two consecutive iterates is at most xtol."),
    /** Levenberg-Marquardt (info 4): the residuals are orthogonal to the Jacobian's columns within gtol. */
    LM_GTOL(
            0,
            true,
            "The cosine of the angle between func(x) and any column of the Jacobian is at most gtol in"
                    + " absolute value."),
    /** The iteration limit was reached first. */
    MAX_ITERATIONS(1, false, "Maximum number of iterations has been exceeded."),
    /** The function-evaluation limit was reached first. */
    MAX_EVALUATIONS(1, false, "Maximum number of function evaluations has been exceeded."),
    /** The line search found no acceptable step: the gradient is too inexact or f too flat in doubles. */
    PRECISION_LOSS(2, false, "Desired error not necessarily achieved due to precision loss."),
    /** L-BFGS-B: the line search failed even along steepest descent with the memory cleared. */
    ABNORMAL_LINE_SEARCH(2, false, "ABNORMAL_TERMINATION_IN_LNSRCH"),
    /** Newton-CG: the inner conjugate-gradient solve ran out of iterations. */
    CG_NOT_CONVERGED(3, false, "Warning: CG iterations didn't converge. The Hessian is not positive definite."),
    /** Levenberg-Marquardt (info 6): ftol is too small for any further reduction. */
    LM_FTOL_TOO_SMALL(2, false, "ftol is too small, no further reduction in the sum of squares is possible."),
    /** Levenberg-Marquardt (info 7): xtol is too small for any further improvement. */
    LM_XTOL_TOO_SMALL(2, false, "xtol is too small, no further improvement in the approximate solution is possible."),
    /** Levenberg-Marquardt (info 8): the residuals are orthogonal to the Jacobian to machine precision. */
    LM_GTOL_TOO_SMALL(
            2, false, "gtol is too small, func(x) is orthogonal to the columns of the Jacobian to machine precision."),
    /** f or its gradient was NaN or infinite where it must be finite. */
    NOT_FINITE(3, false, "NaN or infinite result encountered.");

    private final int code;
    private final boolean success;
    private final String message;

    Status(int code, boolean success, String message) {
        this.code = code;
        this.success = success;
        this.message = message;
    }

    /** scipy's {@code status} number for this ending (0 for every success). */
    public int code() {
        return code;
    }

    public boolean success() {
        return success;
    }

    public String message() {
        return message;
    }
}

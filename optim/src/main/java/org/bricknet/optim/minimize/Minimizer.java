package org.bricknet.optim.minimize;

/**
 * A full-batch minimizer: from a start point {@code x0}, looks for a local minimum of {@code f}.
 * It never changes {@code x0}. A null, empty or non-finite {@code x0} is an
 * {@link IllegalArgumentException}; a function that turns NaN or infinite ends the run with
 * {@link Status#NOT_FINITE} or {@link Status#PRECISION_LOSS}, never an endless loop.
 */
public interface Minimizer {

    /** Minimizes {@code f} from {@code x0}. */
    OptimizeResult minimize(DifferentiableFunction f, double[] x0);

    /** The name scipy gives the method, such as {@code BFGS}. */
    String name();

    /**
     * About how many bytes a run on {@code n} variables holds at its peak: its vectors of n doubles,
     * and the n×n matrix of BFGS, or the n + 1 points of Nelder-Mead's simplex; the function's own
     * memory is not included. A double, so that it cannot overflow. Callers compare it with the
     * heap before starting (the {@code minimize} command does).
     */
    default double bytesNeeded(int n) {
        return 8.0 * 12 * n;
    }
}

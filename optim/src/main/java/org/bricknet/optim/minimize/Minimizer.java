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
}

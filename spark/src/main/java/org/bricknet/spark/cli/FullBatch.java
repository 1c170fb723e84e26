package org.bricknet.spark.cli;

import java.io.PrintStream;
import org.bricknet.core.Network;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.spark.NetworkSource;
import org.bricknet.spark.SparkNetworkFunction;

/**
 * {@code train --optimizer lbfgs}: bricknet's {@link Lbfgs} on the driver, each evaluation of the
 * full-batch loss and gradient done by the executors ({@link SparkNetworkFunction}); {@code
 * --epochs} is its most iterations. Prints what {@code bricknet.jar train --optimizer lbfgs} prints.
 */
final class FullBatch {
    static final String NAME = "lbfgs";

    private FullBatch() {}

    /** Minimizes the full-batch loss; returns the test accuracy (NaN without a test set). */
    static double run(
            Network net, NetworkSource source, SparkOptions.Sets sets, int iterations, int depth, PrintStream out) {
        SparkNetworkFunction fn = new SparkNetworkFunction(net, source, sets.train()).depth(depth);
        long start = System.nanoTime();
        OptimizeResult r = new Lbfgs().maxIterations(iterations).minimize(fn, fn.parameters());
        fn.setParameters(r.x());
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("L-BFGS: %s%n", r.message());
        out.printf(
                "iterations %d, function and gradient evaluations %d, loss %.6f, |gradient|max %.2e, %.1f s%n",
                r.nit(), r.nfev(), r.fun(), r.gradientNorm(), seconds);
        double trainAcc = fn.correct(sets.train()) / (double) sets.train().size();
        if (sets.test() == null) {
            out.printf("train accuracy %.4f%n", trainAcc);
            return Double.NaN;
        }
        double testAcc = fn.correct(sets.test()) / (double) sets.test().size();
        out.printf("train accuracy %.4f, test accuracy %.4f%n", trainAcc, testAcc);
        return testAcc;
    }
}

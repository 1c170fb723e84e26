package org.bricknet.examples.cli;

import java.io.PrintStream;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.optim.minimize.Status;

/**
 * {@code train --optimizer lbfgs}: the whole training set as one batch, its loss and backprop
 * gradient handed to {@link Lbfgs} through {@link NetworkFunction}, {@code --epochs} read as the
 * most L-BFGS iterations. For the small models: the function must not draw random numbers (no
 * dropout), and the convolutional net's activations for 8,000 images would not fit in memory. A
 * run that ends with a loss or parameters that are not finite stops with an error, as mini-batch
 * training does, and saves nothing.
 */
final class FullBatchTraining {
    static final String NAME = "lbfgs";

    /** L-BFGS's history: this many pairs of parameter-sized vectors, and a few more vectors. */
    private static final int HISTORY = 10;

    private FullBatchTraining() {}

    /** Why a model of this kind (and dropout ratio) cannot be trained full-batch, or null when it can. */
    static String refusal(ModelSpec.Kind kind, double dropout) {
        if (kind == ModelSpec.Kind.CNN) {
            return "--optimizer lbfgs trains on the whole training set at once; use it with two-layer, nielsen or mlp,"
                    + " not cnn";
        }
        if (dropout > 0) {
            return "--optimizer lbfgs needs a deterministic loss; drop --dropout";
        }
        return null;
    }

    /** Asks for the memory a full-batch run needs: every example at once, and L-BFGS's vectors. */
    static void requireMemory(ModelSpec spec, Dataset train) {
        ModelSize.require(
                spec,
                train.size(),
                0,
                0,
                2 * HISTORY + 4,
                "full-batch L-BFGS of " + spec + " on " + train.size() + " examples at once");
    }

    /** Minimizes the full-batch loss with at most {@code iterations} L-BFGS iterations; the test accuracy. */
    static double run(Network net, Dataset train, Dataset test, int iterations, PrintStream out) {
        Tensor x = train.inputs();
        Tensor t = train.targets();
        NetworkFunction fn = new NetworkFunction(net, x, t);
        long start = System.nanoTime();
        OptimizeResult r = new Lbfgs().maxIterations(iterations).minimize(fn, fn.parameters());
        fn.setParameters(r.x());
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("L-BFGS: %s%n", r.message());
        out.printf(
                "iterations %d, function and gradient evaluations %d, loss %.6f, |gradient|max %.2e, %.1f s%n",
                r.nit(), r.nfev(), r.fun(), r.gradientNorm(), seconds);
        String bad = ModelFiles.firstNotFinite(net.state());
        if (r.status() == Status.NOT_FINITE || !Double.isFinite(r.fun()) || bad != null) {
            String what = bad != null ? bad : "the loss is " + r.fun();
            throw new CliException(
                    r.nit() == 0
                            ? "L-BFGS cannot start: " + what + " at the initial parameters, so the initial parameters"
                                    + " or the data give a loss that is not finite. Nothing was trained or saved."
                            : "L-BFGS stopped after " + r.nit() + " iterations: " + what + ". Nothing was saved.");
        }
        double trainAcc = net.accuracy(x, t);
        int correct = net.countCorrect(test.inputs(), test.targets());
        out.printf("train accuracy %.4f, test accuracy %.4f%n", trainAcc, (double) correct / test.size());
        return (double) correct / test.size();
    }
}

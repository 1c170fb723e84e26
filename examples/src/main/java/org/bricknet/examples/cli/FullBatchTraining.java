package org.bricknet.examples.cli;

import java.io.PrintStream;
import org.bricknet.core.Layer;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.OptimizeResult;

/**
 * {@code train --optimizer lbfgs}: the whole training set as one batch, its loss and backprop
 * gradient handed to {@link Lbfgs} through {@link NetworkFunction}, {@code --epochs} read as the
 * most L-BFGS iterations. For the small models: the function must not draw random numbers (no
 * dropout), and the convolutional net's activations for 8,000 images would not fit in memory.
 */
final class FullBatchTraining {
    static final String NAME = "lbfgs";

    private FullBatchTraining() {}

    /** Why this model cannot be trained full-batch, or null when it can. */
    static String refusal(ModelSpec spec, Network net) {
        if (spec.kind() == ModelSpec.Kind.CNN) {
            return "--optimizer lbfgs trains on the whole training set at once; use it with two-layer, nielsen or mlp,"
                    + " not cnn";
        }
        if (net.layers().values().stream().anyMatch(Layer::isStochastic)) {
            return "--optimizer lbfgs needs a deterministic loss; drop --dropout";
        }
        return null;
    }

    /** Minimizes the full-batch loss with at most {@code iterations} L-BFGS iterations; the test accuracy. */
    static double run(Network net, Dataset train, Dataset test, int iterations, PrintStream out) {
        NetworkFunction fn = new NetworkFunction(net, train.inputs(), train.targets());
        long start = System.nanoTime();
        OptimizeResult r = new Lbfgs().maxIterations(iterations).minimize(fn, fn.parameters());
        fn.setParameters(r.x());
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("L-BFGS: %s%n", r.message());
        out.printf(
                "iterations %d, function and gradient evaluations %d, loss %.6f, |gradient|max %.2e, %.1f s%n",
                r.nit(), r.nfev(), r.fun(), r.gradientNorm(), seconds);
        double trainAcc = net.accuracy(train.inputs(), train.targets());
        int correct = net.countCorrect(test.inputs(), test.targets());
        out.printf("train accuracy %.4f, test accuracy %.4f%n", trainAcc, (double) correct / test.size());
        return (double) correct / test.size();
    }
}

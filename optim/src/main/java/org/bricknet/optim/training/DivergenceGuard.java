package org.bricknet.optim.training;

import java.util.Map;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;

/** Stops training before a step that would use a non-finite loss or gradient. */
public final class DivergenceGuard {

    /** {@link #check(double, Map, int, int, int, double, boolean)} after a first step has been taken. */
    public void check(
            double loss, Map<String, Parameter> params, int epoch, int iteration, int iterations, double learningRate) {
        check(loss, params, epoch, iteration, iterations, learningRate, false);
    }

    /**
     * Throws {@link TrainingDivergedException} if {@code loss} is NaN or infinite, or if any
     * gradient element is, naming the first such element (and saying so when no step has been
     * taken yet); allocates nothing when all are finite.
     */
    public void check(
            double loss,
            Map<String, Parameter> params,
            int epoch,
            int iteration,
            int iterations,
            double learningRate,
            boolean beforeFirstStep) {
        if (!Double.isFinite(loss)) {
            throw TrainingDivergedException.atStep(
                    epoch, iteration, iterations, loss, "the loss is " + loss, learningRate, beforeFirstStep);
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor grad = e.getValue().grad();
            if (Ops.allFinite(grad)) {
                continue;
            }
            double[] g = grad.data();
            int i = 0;
            while (Double.isFinite(g[i])) {
                i++;
            }
            throw TrainingDivergedException.atStep(
                    epoch,
                    iteration,
                    iterations,
                    loss,
                    "the loss is " + loss + " but the gradient of " + e.getKey() + " is " + g[i] + " at element " + i,
                    learningRate,
                    beforeFirstStep);
        }
    }
}

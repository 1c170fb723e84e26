package org.bricknet.optim;

import java.util.Map;
import org.bricknet.core.Parameter;

/** Stops training before a step that would use a non-finite loss or gradient. */
final class DivergenceGuard {
    private DivergenceGuard() {
    }

    /**
     * Throws {@link TrainingDivergedException} if {@code loss} is NaN or infinite, or if any
     * gradient element is; a plain scan of each gradient's array, no allocation.
     */
    static void check(double loss, Map<String, Parameter> params, int epoch, int iteration, int iterations,
            double learningRate) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, iteration, iterations, loss,
                    "the loss is " + loss, learningRate);
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            double[] g = e.getValue().grad().data();
            for (int i = 0; i < g.length; i++) {
                if (!Double.isFinite(g[i])) {
                    throw new TrainingDivergedException(epoch, iteration, iterations, loss,
                            "the loss is " + loss + " but the gradient of " + e.getKey() + " is " + g[i]
                                    + " at element " + i, learningRate);
                }
            }
        }
    }
}

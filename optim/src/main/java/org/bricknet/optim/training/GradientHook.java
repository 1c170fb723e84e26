package org.bricknet.optim.training;

import java.util.Map;
import org.bricknet.core.Parameter;

/**
 * Called by the {@link Trainer} after each backprop, once the loss and every gradient are known to
 * be finite, and before the optimizer's step: it may read the gradients ({@link GradientNorms}) or
 * change them in place ({@link GradientClipping}). Hooks run in the order they were added.
 */
@FunctionalInterface
public interface GradientHook {

    /** After the backprop of iteration {@code iteration} (from 1) of epoch {@code epoch} (from 1). */
    void afterBackprop(int epoch, int iteration, Map<String, Parameter> parameters);
}

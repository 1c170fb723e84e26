package org.bricknet.optim;

import java.util.Map;
import org.bricknet.core.Parameter;

/**
 * Updates parameters in place from the gradients their layers stored in {@link Parameter#grad()}.
 * An optimizer keeps its own state (velocities, squared-gradient sums, moments) per parameter,
 * keyed by the {@link Parameter} object itself, allocated on the first step that sees it.
 *
 * <p>A training step is {@code network.backprop(x, t)} then {@code optimizer.step(network.parameters())}.
 * The step does no per-element allocation: plain loops over each parameter's {@code double[]}.
 */
public interface Optimizer {

    /** Applies one update to every parameter of {@code params} from its current gradient. */
    void step(Map<String, Parameter> params);

    /** The short name that {@link Optimizers#create} parses: sgd, momentum, adam, ... */
    String name();

    /** The learning rate η. */
    double learningRate();

    /** Changes η for the following steps (a schedule); the state is kept. */
    void setLearningRate(double learningRate);

    /**
     * Every hyperparameter besides the learning rate, by the names {@link Optimizers#create(String,
     * double, Map)} reads (e.g. {@code beta1}, {@code eps}, {@code convention}), each value as text:
     * that call with this map builds an optimizer that computes the same steps.
     */
    default Map<String, String> hyperparameters() {
        return Map.of();
    }

    /** How many steps have been taken. */
    long steps();

    /**
     * A copy of the state for a checkpoint: for each key of {@code params} and each state slot, an
     * entry {@code key + "." + slot} (e.g. {@code W1.m}, {@code W1.v}), plus {@code "steps"} holding
     * the step count as a one-element array. A parameter not stepped yet has zero slots.
     */
    Map<String, double[]> state(Map<String, Parameter> params);

    /** Restores what {@link #state} gave, for the same keys and shapes. */
    void loadState(Map<String, Parameter> params, Map<String, double[]> state);
}

package org.bricknet.core;

/**
 * A learnable value and the gradient of the loss with respect to it, both of one shape.
 * Layers own their parameters and fill {@link #grad()} in {@code backward}; optimizers read the
 * gradient and update {@link #value()} in place. Optimizers never reach into layers.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    /** A parameter over {@code value} (not copied), with a zero gradient of the same shape. */
    public Parameter(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
    }

    /** The layer-local name, such as {@code W} or {@code b}. */
    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }

    /** Whether weight decay applies: weight matrices and filters (rank 2 or more), not biases. */
    public boolean isWeight() {
        return value.rank() >= 2;
    }

    @Override
    public String toString() {
        return "Parameter " + name + value.shapeString();
    }
}

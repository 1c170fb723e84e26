package org.bricknet.optim.training;

/**
 * Training stopped because a mini-batch gave a loss or a gradient that is NaN or infinite. The
 * step that would have used it was not applied: the parameters are those from before it.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final int iteration;
    private final double loss;

    TrainingDivergedException(int epoch, int iteration, int iterations, double loss, String what, double learningRate) {
        super("Training diverged in epoch " + epoch + " at iteration " + iteration + " of " + iterations
                + ": " + what + ". That step was not applied; the parameters are those from before it. "
                + "Try a lower learning rate than " + learningRate + ".");
        this.epoch = epoch;
        this.iteration = iteration;
        this.loss = loss;
    }

    /** The epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The iteration within the epoch, from 1. */
    public int iteration() {
        return iteration;
    }

    /** The loss of the bad mini-batch (finite when only a gradient was bad). */
    public double loss() {
        return loss;
    }
}

package org.bricknet.optim.training;

/**
 * Training stopped because a mini-batch gave a loss or a gradient that is NaN or infinite (the
 * step that would have used it was not applied: the parameters are those from before it), or
 * because a step left a parameter that is not finite (found when the epoch's checkpoint was due;
 * that checkpoint was not written). When the loss is not finite before the first step, the
 * message says so: the initial parameters or the data are to blame, not the learning rate.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final int epoch;
    private final int iteration;
    private final double loss;
    private final boolean beforeFirstStep;

    private TrainingDivergedException(String message, int epoch, int iteration, double loss, boolean first) {
        super(message);
        this.epoch = epoch;
        this.iteration = iteration;
        this.loss = loss;
        this.beforeFirstStep = first;
    }

    /** A non-finite loss or gradient at a step; {@code first} when no step had been taken yet. */
    static TrainingDivergedException atStep(
            int epoch, int iteration, int iterations, double loss, String what, double learningRate, boolean first) {
        if (first) {
            return new TrainingDivergedException(
                    "Training cannot start: " + what + " before the first step (epoch " + epoch + ", iteration "
                            + iteration + " of " + iterations + "), so no learning rate is to blame: the initial"
                            + " parameters or the data give a loss that is not finite. Nothing was trained.",
                    epoch,
                    iteration,
                    loss,
                    true);
        }
        return new TrainingDivergedException(
                "Training diverged in epoch " + epoch + " at iteration " + iteration + " of " + iterations + ": "
                        + what + ". That step was not applied; the parameters are those from before it. "
                        + "Try a lower learning rate than " + learningRate + ".",
                epoch,
                iteration,
                loss,
                false);
    }

    /** Parameters found not finite after epoch {@code epoch}'s last step. */
    static TrainingDivergedException afterEpoch(int epoch, int iterations, String what, double learningRate) {
        return new TrainingDivergedException(
                "Training diverged in epoch " + epoch + ": after its last step " + what + ". The checkpoint of that"
                        + " epoch was not written. Try a lower learning rate than " + learningRate + ".",
                epoch,
                iterations,
                Double.NaN,
                false);
    }

    /** The epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The iteration within the epoch, from 1. */
    public int iteration() {
        return iteration;
    }

    /** The loss of the bad mini-batch (finite when only a gradient was bad; NaN when a parameter was). */
    public double loss() {
        return loss;
    }

    /** Whether no step had been taken: the parameters are the initial (or resumed) ones. */
    public boolean beforeFirstStep() {
        return beforeFirstStep;
    }
}

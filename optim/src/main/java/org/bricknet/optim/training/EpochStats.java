package org.bricknet.optim.training;

/**
 * One epoch of training, for a report line or a plot.
 *
 * @param epoch         1 for the first epoch
 * @param meanLoss      the training loss averaged over the epoch's examples (each mini-batch's loss
 *                      weighted by its size), as it was when each batch was seen
 * @param trainAccuracy the fraction of the training set classified right after the epoch
 *                      ({@code NaN} when the trainer skips it)
 * @param testAccuracy  the fraction of the evaluation set classified right after the epoch
 *                      ({@code NaN} without an evaluation set)
 * @param seconds       wall-clock time of the epoch's training pass, evaluation not included
 */
public record EpochStats(int epoch, double meanLoss, double trainAccuracy, double testAccuracy, double seconds) {

    /** Whether an evaluation set was scored. */
    public boolean hasTestAccuracy() {
        return !Double.isNaN(testAccuracy);
    }
}

package org.bricknet.optim.training;

/**
 * One epoch of training, for a report line, a table or a plot. A value that was not measured is
 * {@code NaN}.
 *
 * @param epoch              1 for the first epoch
 * @param meanLoss           the training loss averaged over the epoch's examples (each mini-batch's
 *                           loss weighted by its size), as it was when each batch was seen, in
 *                           training mode
 * @param trainAccuracy      the fraction of the training set classified right after the epoch
 *                           ({@code NaN} when the trainer skips it)
 * @param testAccuracy       the fraction of the evaluation set classified right after the epoch
 *                           ({@code NaN} without an evaluation set)
 * @param seconds            wall-clock time of the epoch's training pass, evaluation not included
 * @param testLoss           the loss of the evaluation set after the epoch, in evaluation mode
 *                           ({@code Network.evaluationLoss}, weight decay included)
 * @param validationLoss     the same for the validation set (a split of the training data)
 * @param validationAccuracy the fraction of the validation set classified right
 * @param learningRate       the optimizer's learning rate during the epoch
 */
public record EpochStats(
        int epoch,
        double meanLoss,
        double trainAccuracy,
        double testAccuracy,
        double seconds,
        double testLoss,
        double validationLoss,
        double validationAccuracy,
        double learningRate) {

    /** An epoch with no losses of held-out data, no validation and no recorded learning rate. */
    public EpochStats(int epoch, double meanLoss, double trainAccuracy, double testAccuracy, double seconds) {
        this(epoch, meanLoss, trainAccuracy, testAccuracy, seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Whether an evaluation set was scored. */
    public boolean hasTestAccuracy() {
        return !Double.isNaN(testAccuracy);
    }

    /** Whether a validation set was scored. */
    public boolean hasValidation() {
        return !Double.isNaN(validationAccuracy);
    }
}

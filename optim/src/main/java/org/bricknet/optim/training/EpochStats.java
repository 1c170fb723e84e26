package org.bricknet.optim.training;

import java.util.Locale;

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

    /**
     * The line a trainer prints for this epoch, such as {@code Epoch 3: 9012 / 10000, loss 0.3121,
     * train accuracy 0.9134, test accuracy 0.9012, 1.23 s}: Nielsen's "Epoch 3: 9012 / 10000" (or
     * "Epoch 3 complete:" without an evaluation set), then the rest, with the validation set's loss
     * and accuracy when there is one. {@code testCorrect} and
     * {@code testSize} are the evaluation set's hits and size (ignored without one).
     */
    public String line(int testCorrect, int testSize) {
        StringBuilder line = new StringBuilder("Epoch ").append(epoch);
        if (hasTestAccuracy()) {
            line.append(": ").append(testCorrect).append(" / ").append(testSize).append(',');
        } else {
            line.append(" complete:");
        }
        line.append(String.format(Locale.ROOT, " loss %.4f", meanLoss));
        if (!Double.isNaN(trainAccuracy)) {
            line.append(String.format(Locale.ROOT, ", train accuracy %.4f", trainAccuracy));
        }
        if (hasTestAccuracy()) {
            line.append(String.format(Locale.ROOT, ", test accuracy %.4f", testAccuracy));
        }
        if (hasValidation()) {
            line.append(String.format(
                    Locale.ROOT,
                    ", validation loss %.4f, validation accuracy %.4f",
                    validationLoss,
                    validationAccuracy));
        }
        line.append(String.format(Locale.ROOT, ", %.2f s", seconds));
        return line.toString();
    }

    /** Whether a validation set was scored. */
    public boolean hasValidation() {
        return !Double.isNaN(validationAccuracy);
    }
}

package org.bricknet.optim.training;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A column of the {@link TrainingHistory} that early stopping or a plateau schedule watches, and
 * which way is better: losses fall, accuracies rise.
 */
public enum Metric {
    TRAIN_LOSS("training loss", EpochStats::meanLoss, false),
    TRAIN_ACCURACY("training accuracy", EpochStats::trainAccuracy, true),
    TEST_LOSS("test loss", EpochStats::testLoss, false),
    TEST_ACCURACY("test accuracy", EpochStats::testAccuracy, true),
    VALIDATION_LOSS("validation loss", EpochStats::validationLoss, false),
    VALIDATION_ACCURACY("validation accuracy", EpochStats::validationAccuracy, true);

    private final String words;
    private final ToDoubleFunction<EpochStats> column;
    private final boolean higherIsBetter;

    Metric(String words, ToDoubleFunction<EpochStats> column, boolean higherIsBetter) {
        this.words = words;
        this.column = column;
        this.higherIsBetter = higherIsBetter;
    }

    /** This metric's value in an epoch ({@code NaN} if it was not measured). */
    public double of(EpochStats epoch) {
        return column.applyAsDouble(epoch);
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether {@code value} beats {@code best} by more than {@code minDelta}; NaN beats nothing. */
    public boolean improves(double value, double best, double minDelta) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return higherIsBetter ? value > best + minDelta : value < best - minDelta;
    }

    /** Whether the metric is measured on held-out data: the test or the validation set. */
    boolean needsTestSet() {
        return this == TEST_LOSS || this == TEST_ACCURACY;
    }

    boolean needsValidationSet() {
        return this == VALIDATION_LOSS || this == VALIDATION_ACCURACY;
    }

    /** The name {@link #parse} reads: {@code validation-loss}, {@code test-accuracy}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** In words, for messages: "validation loss". */
    @Override
    public String toString() {
        return words;
    }

    /** A metric by its {@link #label()}, e.g. {@code validation-loss}. */
    public static Metric parse(String label) {
        for (Metric m : values()) {
            if (m.label().equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + label + "'; expected one of "
                + Arrays.stream(values()).map(Metric::label).toList());
    }
}

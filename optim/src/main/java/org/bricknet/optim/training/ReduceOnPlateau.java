package org.bricknet.optim.training;

import java.util.Objects;
import org.bricknet.core.Checks;

/**
 * PyTorch's {@code ReduceLROnPlateau}, stepped once per epoch: the rate falls by {@code factor}
 * after more than {@code patience} epochs in a row without a relative improvement of 1e-4 in the
 * metric; then the count starts again. Computed by replaying the history, so it has no state.
 */
record ReduceOnPlateau(Metric metric, double factor, int patience, double minRate) implements LearningRateSchedule {
    private static final double THRESHOLD = 1e-4;

    ReduceOnPlateau {
        Objects.requireNonNull(metric, "LearningRateSchedule.reduceOnPlateau: expected a metric, got null");
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException(
                    "LearningRateSchedule.reduceOnPlateau: expected a factor in (0, 1), got " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException(
                    "LearningRateSchedule.reduceOnPlateau: expected a patience >= 0 epochs, got " + patience);
        }
        Checks.nonNegative("LearningRateSchedule.reduceOnPlateau", "minimum rate", minRate);
    }

    @Override
    public double rate(int epoch, double initialRate, TrainingHistory before) {
        double rate = initialRate;
        double best = Double.NaN;
        int bad = 0;
        for (EpochStats e : before.epochs()) {
            double v = metric.of(e);
            double margin = Double.isNaN(best) ? 0 : Math.abs(best) * THRESHOLD;
            if (metric.improves(v, best, margin)) {
                best = v;
                bad = 0;
            } else {
                bad++;
            }
            if (bad > patience) {
                rate = Math.max(rate * factor, minRate);
                bad = 0;
            }
        }
        return rate;
    }

    @Override
    public Metric watches() {
        return metric;
    }
}

package org.bricknet.optim.training;

import java.util.Objects;
import org.bricknet.core.Checks;

/**
 * PyTorch's {@code ReduceLROnPlateau}, stepped once per epoch: the rate falls by {@code factor}
 * after more than {@code patience} epochs in a row without a relative improvement of 1e-4 in the
 * metric; then the count starts again. As PyTorch's, a fall smaller than {@code eps = 1e-8} is not
 * made, so the rate never reaches 0. Computed by replaying the history, so it has no state.
 */
record ReduceOnPlateau(Metric metric, double factor, int patience, double minRate) implements LearningRateSchedule {
    private static final double THRESHOLD = 1e-4;

    /** PyTorch's {@code eps}: the least fall of the rate that is made. */
    private static final double EPS = 1e-8;

    /** The schedule, its values checked in the name of {@code who}. */
    static ReduceOnPlateau of(String who, Metric metric, double factor, int patience, double minRate) {
        check(who, metric, factor, patience, minRate);
        return new ReduceOnPlateau(metric, factor, patience, minRate);
    }

    ReduceOnPlateau {
        check("LearningRateSchedule.reduceOnPlateau", metric, factor, patience, minRate);
    }

    private static void check(String who, Metric metric, double factor, int patience, double minRate) {
        Objects.requireNonNull(metric, who + ": expected a metric, got null");
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException(who + ": expected a factor in (0, 1), got " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException(who + ": expected a patience >= 0 epochs, got " + patience);
        }
        Checks.nonNegative(who, "minimum rate", minRate);
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
                double lower = Math.max(rate * factor, minRate);
                if (rate - lower > EPS) {
                    rate = lower;
                }
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

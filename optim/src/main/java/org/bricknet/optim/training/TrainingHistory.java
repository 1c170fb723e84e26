package org.bricknet.optim.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The {@link EpochStats} of a training run, in order, with the columns a plot needs. */
public final class TrainingHistory {
    private final List<EpochStats> epochs = new ArrayList<>();

    /** Appends an epoch (a trainer records each one as it ends). */
    public void add(EpochStats stats) {
        epochs.add(stats);
    }

    /** The epochs so far (read-only). */
    public List<EpochStats> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public int size() {
        return epochs.size();
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    /** The last epoch; there must be one. */
    public EpochStats last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("TrainingHistory: no epoch has finished yet");
        }
        return epochs.get(epochs.size() - 1);
    }

    public double[] meanLosses() {
        return column(EpochStats::meanLoss);
    }

    public double[] trainAccuracies() {
        return column(EpochStats::trainAccuracy);
    }

    public double[] testAccuracies() {
        return column(EpochStats::testAccuracy);
    }

    public double[] seconds() {
        return column(EpochStats::seconds);
    }

    private double[] column(ToDoubleFunction<EpochStats> f) {
        double[] out = new double[epochs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(epochs.get(i));
        }
        return out;
    }

    /**
     * A CSV table with the header {@code epoch,mean_loss,train_accuracy,test_accuracy,seconds};
     * numbers printed in full ({@code Double.toString}), a missing accuracy as {@code NaN}.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("epoch,mean_loss,train_accuracy,test_accuracy,seconds\n");
        for (EpochStats e : epochs) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%d,%s,%s,%s,%s%n",
                    e.epoch(),
                    e.meanLoss(),
                    e.trainAccuracy(),
                    e.testAccuracy(),
                    e.seconds()));
        }
        return sb.toString();
    }
}

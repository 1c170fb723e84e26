package org.bricknet.optim.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.bricknet.core.io.BadFileException;

/**
 * The {@link EpochStats} of a training run, in order, with the columns a plot needs, and three
 * readable forms: {@link #toString()} (a table), {@link #toCsv()} and {@link #toJson()}.
 */
public final class TrainingHistory {
    /** The columns of the table, the CSV and the JSON, in this order after {@code epoch}. */
    private static final List<Column> COLUMNS = List.of(
            new Column("mean_loss", "train loss", "%.4f", EpochStats::meanLoss),
            new Column("train_accuracy", "train acc", "%.4f", EpochStats::trainAccuracy),
            new Column("test_accuracy", "test acc", "%.4f", EpochStats::testAccuracy),
            new Column("seconds", "seconds", "%.2f", EpochStats::seconds),
            new Column("test_loss", "test loss", "%.4f", EpochStats::testLoss),
            new Column("validation_loss", "val loss", "%.4f", EpochStats::validationLoss),
            new Column("validation_accuracy", "val acc", "%.4f", EpochStats::validationAccuracy),
            new Column("learning_rate", "lr", "%.4g", EpochStats::learningRate));

    private final List<EpochStats> epochs = new ArrayList<>();

    /** A column: its CSV/JSON name, its table heading and number format, and its value in an epoch. */
    record Column(String key, String heading, String format, ToDoubleFunction<EpochStats> value) {}

    static List<Column> columns() {
        return COLUMNS;
    }

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

    /** The evaluation set's loss per epoch, in evaluation mode ({@code NaN} where not measured). */
    public double[] testLosses() {
        return column(EpochStats::testLoss);
    }

    public double[] validationLosses() {
        return column(EpochStats::validationLoss);
    }

    public double[] validationAccuracies() {
        return column(EpochStats::validationAccuracy);
    }

    public double[] learningRates() {
        return column(EpochStats::learningRate);
    }

    /** A metric's value per epoch. */
    public double[] values(Metric metric) {
        return column(metric::of);
    }

    /** Whether any epoch measured {@code metric}. */
    public boolean has(Metric metric) {
        return epochs.stream().anyMatch(e -> !Double.isNaN(metric.of(e)));
    }

    private double[] column(ToDoubleFunction<EpochStats> f) {
        double[] out = new double[epochs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(epochs.get(i));
        }
        return out;
    }

    /**
     * A CSV table with the header
     * {@code epoch,mean_loss,train_accuracy,test_accuracy,seconds,test_loss,validation_loss,validation_accuracy,learning_rate};
     * numbers printed in full ({@code Double.toString}), a value not measured as {@code NaN}.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("epoch");
        COLUMNS.forEach(c -> sb.append(',').append(c.key()));
        sb.append('\n');
        for (EpochStats e : epochs) {
            sb.append(e.epoch());
            COLUMNS.forEach(c -> sb.append(',').append(c.value().applyAsDouble(e)));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * A JSON array with one object per epoch,
     * {@code {"epoch":1,"mean_loss":0.5,"train_accuracy":0.9,...}}, the keys of {@link #toCsv()};
     * numbers written in full, so that they read back bit for bit; a value not measured as null.
     */
    public String toJson() {
        return HistoryJson.write(this);
    }

    /**
     * Reads what {@link #toJson()} wrote (epochs 1, 2, ... in order); {@code source} names the text
     * in error messages.
     */
    public static TrainingHistory fromJson(String json, String source) throws BadFileException {
        return HistoryJson.read(json, -1, source, "the history");
    }

    /**
     * A table for people: one row per epoch, the columns that were measured in at least one epoch,
     * losses and accuracies with 4 decimals, the learning rate in 4 significant digits.
     *
     * <pre>
     *  epoch  train loss  train acc  test acc  seconds  test loss      lr
     *      1      0.6117     0.8671    0.8595     0.21     0.4950  0.1000
     * </pre>
     */
    @Override
    public String toString() {
        List<Column> shown = COLUMNS.stream()
                .filter(c ->
                        epochs.stream().anyMatch(e -> !Double.isNaN(c.value().applyAsDouble(e))))
                .toList();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%6s", "epoch"));
        shown.forEach(c -> sb.append(String.format(Locale.ROOT, "  %10s", c.heading())));
        for (EpochStats e : epochs) {
            sb.append('\n').append(String.format(Locale.ROOT, "%6d", e.epoch()));
            for (Column c : shown) {
                double v = c.value().applyAsDouble(e);
                String text = Double.isNaN(v) ? "-" : String.format(Locale.ROOT, c.format(), v);
                sb.append(String.format(Locale.ROOT, "  %10s", text));
            }
        }
        return sb.toString();
    }
}

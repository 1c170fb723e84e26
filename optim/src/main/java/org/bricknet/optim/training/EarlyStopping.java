package org.bricknet.optim.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bricknet.core.Checks;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;

/**
 * Stops training when a metric of held-out data has not improved for {@code patience} epochs in a
 * row, and (unless told otherwise) puts back the parameters of the best epoch when training ends,
 * as Keras's {@code EarlyStopping(monitor, patience, min_delta, restore_best_weights=True)} does.
 * An epoch improves when its value beats the best so far by more than {@code minDelta} (0 unless
 * set): lower for a loss, higher for an accuracy.
 *
 * <pre>
 *   new Trainer(net, opt).validationSplit(0.1)
 *           .earlyStopping(EarlyStopping.on(Metric.VALIDATION_LOSS, 5)).fit(train);
 * </pre>
 *
 * <p>Watch the validation set ({@link Trainer#validationSplit}), not the test set: a test set
 * that chose the epoch no longer measures the model fairly. The trainer refuses, before training,
 * a metric it will not measure. The best epoch and the count are read from the history, so a
 * resumed run stops where the uninterrupted one would; but a checkpoint keeps the last parameters
 * only, so a best epoch from before the resume cannot be restored (training then ends with the
 * last parameters, and says so).
 *
 * <p>One object serves one {@link Trainer#fit}: it keeps the best parameters of that run.
 */
public final class EarlyStopping {
    private final Metric metric;
    private final int patience;
    private double minDelta;
    private boolean restoreBest = true;
    private Map<String, Tensor> bestState;
    private int bestStateEpoch;
    private String stopReason;

    private EarlyStopping(Metric metric, int patience) {
        this.metric = Objects.requireNonNull(metric, "EarlyStopping: expected a metric, got null");
        this.patience = Checks.atLeastOne("EarlyStopping", "a patience of epochs", patience);
    }

    /** Stops after {@code patience} (&gt;= 1) epochs in a row without an improvement of {@code metric}. */
    public static EarlyStopping on(Metric metric, int patience) {
        return new EarlyStopping(metric, patience);
    }

    /**
     * {@code METRIC:PATIENCE}, e.g. {@code validation-loss:5}, as a command line takes it; a text of
     * another form or a patience below 1 is an {@code IllegalArgumentException} whose message starts
     * with {@code early stopping 'TEXT':}.
     */
    public static EarlyStopping parse(String text) {
        String[] p = text.split(":", -1);
        String who = "early stopping '" + text + "'";
        if (p.length == 2) {
            Metric metric = Metric.parse(p[0]);
            int patience;
            try {
                patience = Integer.parseInt(p[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(who + ": '" + p[1] + "' is not a whole number of epochs");
            }
            return on(metric, Checks.atLeastOne(who, "a patience of epochs", patience));
        }
        throw new IllegalArgumentException(who + ": expected METRIC:PATIENCE, such as validation-loss:5");
    }

    /** The least change that counts as an improvement (finite, &gt;= 0). */
    public EarlyStopping minDelta(double minDelta) {
        this.minDelta = Checks.nonNegative("EarlyStopping", "minimum improvement", minDelta);
        return this;
    }

    /** Whether to put back the best epoch's parameters when training ends (true unless set). */
    public EarlyStopping restoreBest(boolean restore) {
        this.restoreBest = restore;
        return this;
    }

    public Metric metric() {
        return metric;
    }

    public int patience() {
        return patience;
    }

    /** The best epoch of {@code history} (0 if no epoch measured the metric). */
    public int bestEpoch(TrainingHistory history) {
        return scan(history)[0];
    }

    /** {@code [best epoch, epochs since it]} from the history. */
    private int[] scan(TrainingHistory history) {
        double best = Double.NaN;
        int bestEpoch = 0;
        int since = 0;
        for (EpochStats e : history.epochs()) {
            if (metric.improves(metric.of(e), best, minDelta)) {
                best = metric.of(e);
                bestEpoch = e.epoch();
                since = 0;
            } else {
                since++;
            }
        }
        return new int[] {bestEpoch, since};
    }

    /** After an epoch: keeps its parameters if it is the best so far; whether to stop now. */
    boolean afterEpoch(TrainingHistory history, Network network) {
        int[] s = scan(history);
        EpochStats last = history.last();
        if (restoreBest && s[0] == last.epoch()) {
            if (bestState == null) {
                bestState = new LinkedHashMap<>();
                network.state().forEach((k, t) -> bestState.put(k, t.copy()));
            } else {
                network.state().forEach((k, t) -> bestState.get(k).copyFrom(t));
            }
            bestStateEpoch = last.epoch();
        }
        if (s[1] >= patience) {
            stopReason = String.format(
                    Locale.ROOT,
                    "early stopping after epoch %d: the %s has not improved on epoch %d's for %d epochs",
                    last.epoch(),
                    metric,
                    s[0],
                    s[1]);
            return true;
        }
        return false;
    }

    /**
     * When training ends: puts back the best epoch's parameters (if asked and kept) and says what
     * happened, or returns null when there is nothing to say.
     */
    String finish(TrainingHistory history, Network network) {
        if (history.isEmpty()) {
            return null;
        }
        int best = bestEpoch(history);
        String restored = null;
        if (restoreBest && best != 0 && best != history.last().epoch()) {
            if (bestState != null && bestStateEpoch == best) {
                network.state().forEach((k, t) -> t.copyFrom(bestState.get(k)));
                restored = String.format(
                        Locale.ROOT,
                        "restored the parameters of epoch %d (%s %.4f)",
                        best,
                        metric,
                        metric.of(history.epochs().get(best - 1)));
            } else {
                restored = "the best epoch, " + best + ", ran before the resume and its parameters were not"
                        + " kept; training ends with the last epoch's";
            }
        }
        String said = stopReason == null ? restored : restored == null ? stopReason : stopReason + "; " + restored;
        stopReason = null;
        bestState = null;
        return said;
    }
}

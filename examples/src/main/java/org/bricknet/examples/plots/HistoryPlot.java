package org.bricknet.examples.plots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bricknet.optim.training.Metric;
import org.bricknet.optim.training.TrainingHistory;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * A training run in one PNG: the losses per epoch (training loss as it was while training, and the
 * test and validation losses measured in evaluation mode after each epoch) on the left, the
 * accuracies on the right, and the learning rate below them when a schedule changed it. A gap that
 * opens between the training and the test loss is over-fitting. Epochs are labelled with whole
 * numbers spaced to stay readable at any number of epochs; values with as many decimals as their
 * spread needs.
 */
public final class HistoryPlot {
    private HistoryPlot() {}

    /** Draws {@code history} under {@code title} into the PNG {@code file}. */
    public static void write(TrainingHistory history, String title, Path file) throws IOException {
        Pictures.write(image(history, title), file);
    }

    /** The picture itself. */
    public static BufferedImage image(TrainingHistory history, String title) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("HistoryPlot: the history has no epoch to draw");
        }
        double[] epochs = IntStream.rangeClosed(1, history.size())
                .mapToDouble(i -> history.epochs().get(i - 1).epoch())
                .toArray();
        XYChart loss = panel(
                history,
                epochs,
                "loss",
                "loss",
                new Metric[] {Metric.TRAIN_LOSS, Metric.TEST_LOSS, Metric.VALIDATION_LOSS},
                new String[] {"training (while training)", "test", "validation"});
        XYChart acc = panel(
                history,
                epochs,
                "accuracy",
                "accuracy",
                new Metric[] {Metric.TRAIN_ACCURACY, Metric.TEST_ACCURACY, Metric.VALIDATION_ACCURACY},
                new String[] {"training", "test", "validation"});
        acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        List<XYChart> charts = new ArrayList<>(List.of(loss, acc));
        double[] rates = history.learningRates();
        double[] r = Pictures.range(List.of(rates));
        if (!Double.isNaN(r[0]) && r[0] != r[1]) {
            XYChart lr = Pictures.chart(560, 260, "learning rate", "epoch", "learning rate");
            lr.addSeries("learning rate", epochs, rates);
            lr.getStyler().setLegendVisible(false);
            Pictures.valuesOnY(lr, r[0], r[1]);
            Pictures.wholeNumberTicksOnX(lr, epochs[0], epochs[epochs.length - 1]);
            lr.getStyler().setMarkerSize(epochs.length > 40 ? 0 : 4);
            charts.add(lr);
        }
        return Pictures.grid(title, charts, 2);
    }

    private static XYChart panel(
            TrainingHistory h, double[] epochs, String name, String yTitle, Metric[] metrics, String[] labels) {
        XYChart c = Pictures.chart(560, 400, name + " per epoch", "epoch", yTitle);
        List<double[]> drawn = new ArrayList<>();
        for (int i = 0; i < metrics.length; i++) {
            if (h.has(metrics[i])) {
                double[] v = h.values(metrics[i]);
                c.addSeries(labels[i], epochs, v);
                drawn.add(v);
            }
        }
        if (drawn.isEmpty()) {
            c.addSeries("not measured", new double[] {epochs[0]}, new double[] {0});
            drawn.add(new double[] {0});
        }
        double[] r = Pictures.range(drawn);
        Pictures.valuesOnY(c, r[0], r[1]);
        if (epochs.length > 40) {
            c.getStyler().setMarkerSize(0);
        }
        Pictures.wholeNumberTicksOnX(c, epochs[0], epochs[epochs.length - 1]);
        return c;
    }
}

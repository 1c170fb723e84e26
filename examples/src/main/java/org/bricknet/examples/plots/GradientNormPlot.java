package org.bricknet.examples.plots;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bricknet.optim.training.GradientNorms;
import org.knowm.xchart.XYChart;

/**
 * Each layer's gradient norm per epoch, on a logarithmic axis: Nielsen's chapter 5 picture of the
 * vanishing gradient, where in a deep sigmoid network the first layers' gradients are orders of
 * magnitude smaller than the last's. One line per parameter (the weights {@code W1, W2, ...}
 * unless told which) of a {@link GradientNorms} the trainer filled; the value of an epoch is the
 * mean over its steps of the gradient's norm.
 */
public final class GradientNormPlot {
    private GradientNormPlot() {}

    /** Draws the weights' gradient norms of {@code norms} into the PNG {@code file}. */
    public static void write(GradientNorms norms, String title, Path file) throws IOException {
        Pictures.write(image(norms, norms.weightKeys(), title), file);
    }

    /**
     * Draws the gradient norms of the parameters {@code keys}: the biases of layers of one width,
     * for instance, compare layer with layer as Nielsen's ‖δ‖ does, where a weight's norm also grows
     * with its number of inputs.
     */
    public static void write(GradientNorms norms, List<String> keys, String title, Path file) throws IOException {
        Pictures.write(image(norms, keys, title), file);
    }

    /** The picture itself. */
    public static BufferedImage image(GradientNorms norms, List<String> keys, String title) {
        List<Integer> epochs = norms.epochs();
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("GradientNormPlot: no epoch was watched; give the GradientNorms to"
                    + " Trainer.watchGradients before fit");
        }
        double[] x = epochs.stream().mapToDouble(Integer::doubleValue).toArray();
        Map<String, double[]> perEpoch = norms.perEpoch();
        for (String k : keys) {
            if (!perEpoch.containsKey(k)) {
                throw new IllegalArgumentException(
                        "GradientNormPlot: no parameter '" + k + "' was watched; there are " + perEpoch.keySet());
            }
        }
        XYChart c = Pictures.chart(
                760, 480, "gradient norm of each parameter, log scale", "epoch", "mean gradient norm per step");
        c.getStyler().setYAxisLogarithmic(true);
        double[] range = Pictures.range(keys.stream().map(perEpoch::get).toList());
        // over two decades and more, the ticks between the powers of ten would run together
        c.getStyler().setYAxisLogarithmicDecadeOnly(range[1] > 100 * range[0]);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (String k : keys) {
            c.addSeries(k, x, perEpoch.get(k));
        }
        if (x.length > 40) {
            c.getStyler().setMarkerSize(0);
        }
        Pictures.wholeNumberTicksOnX(c, x[0], x[x.length - 1]);
        return Pictures.grid(title, List.of(c), 1);
    }
}

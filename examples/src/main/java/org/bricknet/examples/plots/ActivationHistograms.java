package org.bricknet.examples.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bricknet.core.Tensor;
import org.bricknet.core.inspect.TensorStats;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The book's chapter 6 figures: a histogram of each hidden layer's activations (from
 * {@code org.bricknet.core.inspect.Activations}), one panel per layer from left to right, one row
 * per case (such as an initialisation, or "before training" and "after training"). All panels
 * share the value axis (30 bins over the range of every value shown, or {0, 1} when the values lie
 * there, as the book's sigmoid figures); panels of one row share their count axis. Each panel's
 * title gives the layer, and the line under it the mean, the standard deviation and the fraction
 * of exact zeros.
 */
public final class ActivationHistograms {
    static final int BINS = 30;

    private ActivationHistograms() {}

    /** Writes one row per entry of {@code rows} (row label → layer name → activations) into a PNG. */
    public static void write(Map<String, Map<String, Tensor>> rows, String title, Path file) throws IOException {
        Pictures.write(image(rows, title), file);
    }

    /** The picture itself. */
    public static BufferedImage image(Map<String, Map<String, Tensor>> rows, String title) {
        if (rows.isEmpty() || rows.values().stream().anyMatch(Map::isEmpty)) {
            throw new IllegalArgumentException("ActivationHistograms: expected at least one row of hidden layers, got "
                    + rows.keySet() + (rows.isEmpty() ? "" : " with layers " + rows.values()));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Map<String, Tensor> row : rows.values()) {
            for (Tensor t : row.values()) {
                lo = Math.min(lo, t.min());
                hi = Math.max(hi, t.max());
            }
        }
        if (lo >= 0 && hi <= 1) {
            lo = 0;
            hi = 1;
        } else if (hi == lo) {
            hi = lo + 1;
        }
        List<BufferedImage> strips = new ArrayList<>();
        for (Map.Entry<String, Map<String, Tensor>> row : rows.entrySet()) {
            strips.add(row(row.getKey(), row.getValue(), lo, hi));
        }
        return stack(title, strips);
    }

    /** Counts of {@code t}'s values in {@link #BINS} equal bins over {@code [lo, hi]}. */
    static double[] counts(Tensor t, double lo, double hi) {
        double[] c = new double[BINS];
        double width = (hi - lo) / BINS;
        for (double v : t.data()) {
            int b = (int) Math.floor((v - lo) / width);
            c[Math.max(0, Math.min(BINS - 1, b))]++;
        }
        return c;
    }

    private static BufferedImage row(String label, Map<String, Tensor> layers, double lo, double hi) {
        List<double[]> counts = new ArrayList<>();
        double top = 0;
        for (Tensor t : layers.values()) {
            double[] c = counts(t, lo, hi);
            counts.add(c);
            for (double v : c) {
                top = Math.max(top, v);
            }
        }
        double[] edges = new double[BINS + 1];
        for (int i = 0; i <= BINS; i++) {
            edges[i] = lo + (hi - lo) * i / BINS;
        }
        List<XYChart> charts = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Tensor> e : layers.entrySet()) {
            TensorStats s = TensorStats.of(e.getValue());
            XYChart c = Pictures.chart(
                    280,
                    230,
                    e.getKey(),
                    String.format(Locale.ROOT, "mean %.2f std %.2f zeros %.0f%%", s.mean(), s.std(), 100 * s.zeros()),
                    "");
            double[] y = new double[BINS + 1];
            System.arraycopy(counts.get(i), 0, y, 0, BINS);
            y[BINS] = y[BINS - 1];
            XYSeries series = c.addSeries(e.getKey(), edges, y);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            c.getStyler().setLegendVisible(false);
            // a hair past the edges: XChart then picks round ticks instead of every k-th bin edge
            c.getStyler().setXAxisMin(lo - (hi - lo) * 1e-3);
            c.getStyler().setXAxisMax(hi + (hi - lo) * 1e-3);
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(top * 1.05);
            c.getStyler().setXAxisDecimalPattern(hi - lo <= 2 ? "0.0" : hi - lo <= 20 ? "0" : "#,##0");
            c.getStyler().setYAxisDecimalPattern("#,##0");
            c.getStyler().setChartTitleFont(Pictures.TEXT.deriveFont(java.awt.Font.BOLD));
            charts.add(c);
            i++;
        }
        int n = layers.values().iterator().next().size();
        return Pictures.grid(
                String.format(
                        Locale.ROOT, "%s (how many of the %,d activations of a layer fall in each bin)", label, n),
                charts,
                charts.size());
    }

    private static BufferedImage stack(String title, List<BufferedImage> strips) {
        int w = Math.max(
                strips.stream().mapToInt(BufferedImage::getWidth).max().orElse(1),
                20 + Pictures.textWidth(title, Pictures.TITLE));
        int top = 36;
        int h = top + strips.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Pictures.graphics(img);
        g.setColor(Color.BLACK);
        g.setFont(Pictures.TITLE);
        g.drawString(title, 10, 24);
        int y = top;
        for (BufferedImage s : strips) {
            g.drawImage(s, 0, y, null);
            y += s.getHeight();
        }
        g.dispose();
        return img;
    }
}

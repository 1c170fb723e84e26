package org.bricknet.examples.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.bricknet.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** What the pictures share: PNG files written atomically, charts in a grid, tick labels, a colour map. */
final class Pictures {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private Pictures() {}

    /** Writes {@code image} as a PNG into {@code file}, atomically. */
    static void write(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!javax.imageio.ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    /** An XY chart with the house style: white, legend inside, small markers. */
    static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(4);
        return c;
    }

    /**
     * Tick labels for an axis that counts (epochs {@code first..last}): whole numbers at a round
     * step (1, 2, 5, 10, 20, ...) wide enough that they never run together. The axis reaches half an
     * epoch past each end, which also keeps XChart from labelling every k-th data point instead
     * (what it does for equally spaced values, crowding the labels).
     */
    static void wholeNumberTicksOnX(XYChart c, double first, double last) {
        c.getStyler().setXAxisMin(first - 0.5);
        c.getStyler().setXAxisMax(last + 0.5);
        c.getStyler().setXAxisDecimalPattern("#,##0");
    }

    /**
     * The y axis of values in {@code [min, max]}: never narrower than 2% of their size (so that
     * noise in the last digits does not fill the chart), labelled with as many decimals as its
     * spread needs.
     */
    static void valuesOnY(XYChart c, double min, double max) {
        double size = Math.max(Math.abs(min), Math.abs(max));
        if (max - min < 0.02 * size || max == min) {
            double mid = (min + max) / 2;
            double half = Math.max(0.01 * size, 1e-12);
            min = mid - half;
            max = mid + half;
            c.getStyler().setYAxisMin(min);
            c.getStyler().setYAxisMax(max);
        }
        c.getStyler().setyAxisTickLabelsFormattingFunction(decimalsFor(min, max));
    }

    /** Tick labels for values spread over {@code [min, max]}: as many decimals as the spread needs. */
    static Function<Double, String> decimalsFor(double min, double max) {
        double spread = max - min;
        double scale = spread > 0 ? spread / 5 : Math.max(Math.abs(max), 1e-12) / 100;
        int decimals = (int) Math.max(0, Math.min(8, Math.ceil(-Math.log10(scale))));
        return v -> String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The finite values' {@code [min, max]} over several series ({@code [NaN, NaN]} for none). */
    static double[] range(List<double[]> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min > max ? new double[] {Double.NaN, Double.NaN} : new double[] {min, max};
    }

    /** Charts in a grid of {@code columns}, row by row, under a title line. */
    static BufferedImage grid(String title, List<XYChart> charts, int columns) {
        List<BufferedImage> images =
                charts.stream().map(BitmapEncoder::getBufferedImage).toList();
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        int[] colWidth = new int[cols];
        int[] rowHeight = new int[rows];
        for (int i = 0; i < images.size(); i++) {
            colWidth[i % cols] = Math.max(colWidth[i % cols], images.get(i).getWidth());
            rowHeight[i / cols] = Math.max(rowHeight[i / cols], images.get(i).getHeight());
        }
        int top = title == null ? 0 : 32;
        BufferedImage img = new BufferedImage(
                Math.max(java.util.Arrays.stream(colWidth).sum(), title == null ? 0 : 20 + textWidth(title, TITLE)),
                top + java.util.Arrays.stream(rowHeight).sum(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        if (title != null) {
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            g.drawString(title, 10, 22);
        }
        int y = top;
        for (int r = 0; r < rows; r++) {
            int x = 0;
            for (int c = 0; c < cols && r * cols + c < images.size(); c++) {
                g.drawImage(images.get(r * cols + c), x, y, null);
                x += colWidth[c];
            }
            y += rowHeight[r];
        }
        g.dispose();
        return img;
    }

    /** How wide {@code text} is in {@code font}, in pixels. */
    static int textWidth(String text, Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int w = g.getFontMetrics(font).stringWidth(text);
        g.dispose();
        return w;
    }

    /** A white canvas's graphics with anti-aliased text. */
    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return g;
    }

    /**
     * A diverging colour for {@code v} in {@code [−1, 1]}: blue for negative, white for 0, red for
     * positive (values outside are clamped), so that the sign of a weight reads at a glance.
     */
    static Color diverging(double v) {
        double t = Math.max(-1, Math.min(1, v));
        if (Double.isNaN(t)) {
            return Color.MAGENTA;
        }
        int fade = (int) Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}

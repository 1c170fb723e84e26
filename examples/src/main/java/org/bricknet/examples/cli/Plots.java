package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.AtomicFiles;
import org.bricknet.optim.training.TrainingHistory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Training curves as a PNG, drawn with XChart and written atomically. */
final class Plots {
    /** A picture being drawn and written. */
    @FunctionalInterface
    interface Drawing {
        void draw() throws IOException;
    }

    private Plots() {}

    /** Loss (left chart) and accuracies (right chart) per epoch, side by side in one PNG. */
    static void history(TrainingHistory h, String title, Path file) throws IOException {
        double[] epochs = IntStream.rangeClosed(1, h.size()).asDoubleStream().toArray();
        XYChart loss = new XYChartBuilder()
                .width(560)
                .height(400)
                .title(title + ": loss")
                .xAxisTitle("epoch")
                .yAxisTitle("mean training loss")
                .build();
        loss.addSeries("training loss", epochs, h.meanLosses());
        XYChart acc = new XYChartBuilder()
                .width(560)
                .height(400)
                .title(title + ": accuracy")
                .xAxisTitle("epoch")
                .yAxisTitle("accuracy")
                .build();
        acc.addSeries("train", epochs, h.trainAccuracies());
        if (!h.isEmpty() && h.last().hasTestAccuracy()) {
            acc.addSeries("test", epochs, h.testAccuracies());
        }
        for (XYChart c : new XYChart[] {loss, acc}) {
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            c.getStyler().setMarkerSize(4);
        }
        acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        write(side(loss, acc), file);
    }

    /**
     * Why the first layer of a model of {@code spec} cannot be drawn as images, or null when it can:
     * a flat first layer needs inputs known to be images. Checked before training.
     */
    static String firstLayerRefusal(ModelSpec spec) {
        int[] tile = tile(spec);
        if (tile == null) {
            return "--plot-weights draws the first layer's weights as images, but the model's " + spec.flatInput()
                    + " inputs are not known to be images";
        }
        long pixels = spec.kind() == ModelSpec.Kind.CNN ? 30L * 25 * 16 : 100L * tile[0] * tile[1];
        return pixels > MAX_PIXELS
                ? "--plot-weights: 100 tiles of " + ModelSpec.geometry(spec.input()) + " make too large a picture"
                : null;
    }

    /**
     * The height and width of a flat first layer's tiles: the images the model takes, or for a
     * model that recorded only a number of inputs, a square of that many; null if neither.
     */
    private static int[] tile(ModelSpec spec) {
        if (spec.input().length == 3) {
            return new int[] {spec.input()[1], spec.input()[2]};
        }
        int in = spec.flatInput();
        int s = (int) Math.round(Math.sqrt(in));
        return s * s == in ? new int[] {s, s} : null;
    }

    /** The largest picture of the first layer's weights drawn: 16 million pixels (64 MB). */
    private static final long MAX_PIXELS = 1L << 24;

    /**
     * The first layer's weights as a grid of grey tiles, each scaled to its own min..max: the
     * filters of a convolution (first input channel), or for an Affine on images the weights into
     * each of the first 100 hidden units, as images of the inputs' height and width (first channel).
     */
    static void firstLayer(Network net, ModelSpec spec, Path file) throws IOException {
        String refusal = firstLayerRefusal(spec);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        Tensor w = net.parameters().values().iterator().next().value();
        int tiles;
        int th;
        int tw;
        java.util.function.BiFunction<Integer, Integer, Double> at;
        if (w.rank() == 4) {
            tiles = w.dim(0);
            th = w.dim(2);
            tw = w.dim(3);
            int per = w.dim(1) * th * tw;
            at = (t, i) -> w.data()[t * per + i];
        } else {
            int outs = w.dim(1);
            tiles = Math.min(100, outs);
            th = tile(spec)[0];
            tw = tile(spec)[1];
            at = (t, i) -> w.data()[i * outs + t];
        }
        int scale = Math.max(1, 56 / th);
        int cols = (int) Math.ceil(Math.sqrt(tiles));
        int rows = (tiles + cols - 1) / cols;
        int gap = 2;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(
                cols * (tw * scale + gap) + gap,
                rows * (th * scale + gap) + gap,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int t = 0; t < tiles; t++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < th * tw; i++) {
                min = Math.min(min, at.apply(t, i));
                max = Math.max(max, at.apply(t, i));
            }
            int x0 = gap + (t % cols) * (tw * scale + gap);
            int y0 = gap + (t / cols) * (th * scale + gap);
            for (int i = 0; i < th * tw; i++) {
                int v = max > min ? (int) Math.round(255 * (at.apply(t, i) - min) / (max - min)) : 128;
                g.setColor(new java.awt.Color(v, v, v));
                g.fillRect(x0 + (i % tw) * scale, y0 + (i / tw) * scale, scale, scale);
            }
        }
        g.dispose();
        write(img, file);
    }

    private static void write(java.awt.image.BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!javax.imageio.ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    private static java.awt.image.BufferedImage side(XYChart a, XYChart b) {
        java.awt.image.BufferedImage ia = BitmapEncoder.getBufferedImage(a);
        java.awt.image.BufferedImage ib = BitmapEncoder.getBufferedImage(b);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(
                ia.getWidth() + ib.getWidth(),
                Math.max(ia.getHeight(), ib.getHeight()),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.drawImage(ia, 0, 0, null);
        g.drawImage(ib, ia.getWidth(), 0, null);
        g.dispose();
        return img;
    }
}

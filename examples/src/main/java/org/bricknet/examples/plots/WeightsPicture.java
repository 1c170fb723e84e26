package org.bricknet.examples.plots;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.bricknet.core.Checks;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;

/**
 * The first layer's weights as images, one tile per unit: for an Affine layer on square images,
 * the weights into each hidden unit drawn as an image of the input (W's column {@code j} as
 * {@code side × side}), or on the images {@link #images} names (their first channel); for a
 * convolution, each filter's first input channel. Red is positive, blue
 * negative, white zero; by default one colour scale serves every tile, so that tiles compare:
 * {@code ±} the 99th percentile of {@code |w|} over the units shown (the largest 1% saturate rather
 * than wash out the rest), given by a colour bar under the tiles; with
 * {@link #tileScale} each tile is scaled to its own {@code ±max|w|}. A caption says what is shown:
 * all units, or the first k of n when more than {@link #maxUnits} (400 unless set).
 */
public final class WeightsPicture {
    /** The shared scale is this percentile of |w|, so that a few large weights do not wash out the rest. */
    private static final double PERCENTILE = 99;

    private int maxUnits = 400;
    private boolean tileScale;
    private String title;
    private int[] image;

    /** Shows at most {@code units} units (the first ones); the caption says how many were left out. */
    public WeightsPicture maxUnits(int units) {
        this.maxUnits = Checks.atLeastOne("WeightsPicture", "a number of units", units);
        return this;
    }

    /** Scales each tile to its own largest magnitude instead of one scale for all (false unless set). */
    public WeightsPicture tileScale(boolean own) {
        this.tileScale = own;
        return this;
    }

    /**
     * The images an Affine first layer takes as flat rows, {@code channels × height × width}, for
     * images that are not square or have several channels: each unit's tile is then
     * {@code height × width}, from the first channel's weights. Unless set, the inputs must be a
     * square number of values of one channel.
     */
    public WeightsPicture images(int channels, int height, int width) {
        Checks.atLeastOne("WeightsPicture", "a number of channels", channels);
        Checks.atLeastOne("WeightsPicture", "an image height", height);
        Checks.atLeastOne("WeightsPicture", "an image width", width);
        this.image = new int[] {channels, height, width};
        return this;
    }

    /** The line above the tiles (the parameter's key and shape unless set). */
    public WeightsPicture title(String title) {
        this.title = title;
        return this;
    }

    /** Draws the network's first parameter (its first layer's weights) into the PNG {@code file}. */
    public void write(Network network, Path file) throws IOException {
        Pictures.write(image(network), file);
    }

    /** The picture of the network's first parameter. */
    public BufferedImage image(Network network) {
        var first = network.parameters().entrySet().iterator().next();
        return image(first.getKey(), first.getValue());
    }

    /** The picture of one weight parameter, named {@code key}. */
    public BufferedImage image(String key, Parameter weights) {
        Tensor w = weights.value();
        Tiles t = tiles(key, w, image);
        int shown = Math.min(t.units, maxUnits);
        double[][] tiles = new double[shown][];
        double[] magnitudes = new double[shown * t.height * t.width];
        for (int u = 0; u < shown; u++) {
            tiles[u] = t.tile(u);
            for (int i = 0; i < tiles[u].length; i++) {
                magnitudes[u * tiles[u].length + i] = Math.abs(tiles[u][i]);
            }
        }
        java.util.Arrays.sort(magnitudes);
        double shared = magnitudes[(int) Math.floor(PERCENTILE / 100 * (magnitudes.length - 1))];
        int scale = Math.max(1, 56 / Math.max(t.height, t.width));
        int cols = Math.min(shown, (int) Math.ceil(Math.sqrt(shown * 1.6)));
        int rows = (shown + cols - 1) / cols;
        int gap = 2;
        int tileW = t.width * scale + gap;
        int tileH = t.height * scale + gap;
        String heading = title != null ? title : key + " " + w.shapeString() + ": " + t.what;
        String caption = caption(t, shown);
        int width = Math.max(
                cols * tileW + gap + 20,
                20 + Math.max(Pictures.textWidth(heading, Pictures.TITLE), Pictures.textWidth(caption, Pictures.TEXT)));
        int top = 58;
        int bar = tileScale ? 0 : 60;
        BufferedImage img = new BufferedImage(width, top + rows * tileH + gap + bar + 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Pictures.graphics(img);
        g.setColor(Color.BLACK);
        g.setFont(Pictures.TITLE);
        g.drawString(heading, 10, 22);
        g.setFont(Pictures.TEXT);
        g.drawString(caption, 10, 44);
        int x0 = (width - cols * tileW) / 2;
        for (int u = 0; u < shown; u++) {
            double m = shared;
            if (tileScale) {
                m = 0;
                for (double v : tiles[u]) {
                    m = Math.max(m, Math.abs(v));
                }
            }
            int x = x0 + (u % cols) * tileW;
            int y = top + (u / cols) * tileH;
            // a grey frame: white is a weight of 0, not the gap between tiles
            g.setColor(Color.GRAY);
            g.fillRect(x - gap, y - gap, tileW + gap, tileH + gap);
            for (int i = 0; i < tiles[u].length; i++) {
                g.setColor(Pictures.diverging(m > 0 ? tiles[u][i] / m : 0));
                g.fillRect(x + (i % t.width) * scale, y + (i / t.width) * scale, scale, scale);
            }
        }
        if (!tileScale) {
            colourBar(g, width, top + rows * tileH + gap + 10, shared);
        }
        g.dispose();
        return img;
    }

    private String caption(Tiles t, int shown) {
        String which = shown == t.units
                ? "all " + t.units + " " + t.unitName + "s"
                : "the first " + shown + " of " + t.units + " " + t.unitName + "s";
        return which + ", one tile each; "
                + (tileScale
                        ? "each tile scaled to its own largest |w| (red +, blue −, white 0)"
                        : "one colour scale for all tiles: ± the 99th percentile of |w|, larger weights saturate");
    }

    private static void colourBar(Graphics2D g, int width, int y, double max) {
        int x0 = 60;
        int w = width - 120;
        for (int i = 0; i < w; i++) {
            g.setColor(Pictures.diverging(2.0 * i / (w - 1) - 1));
            g.fillRect(x0 + i, y, 1, 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y, w, 16);
        g.setFont(Pictures.TEXT);
        String[] labels = {String.format(Locale.ROOT, "%.3g", -max), "0", String.format(Locale.ROOT, "+%.3g", max)};
        int[] at = {x0, x0 + w / 2, x0 + w};
        for (int i = 0; i < 3; i++) {
            int textW = g.getFontMetrics().stringWidth(labels[i]);
            g.drawString(labels[i], at[i] - textW / 2, y + 34);
        }
    }

    /** How a weight tensor is cut into tiles. */
    private record Tiles(int units, int height, int width, String unitName, String what, Tensor w) {
        double[] tile(int u) {
            double[] d = w.data();
            double[] out = new double[height * width];
            if (w.rank() == 4) {
                int per = w.dim(1) * height * width;
                System.arraycopy(d, u * per, out, 0, height * width);
            } else {
                int outs = w.dim(1);
                for (int i = 0; i < out.length; i++) {
                    out[i] = d[i * outs + u];
                }
            }
            return out;
        }
    }

    private static Tiles tiles(String key, Tensor w, int[] image) {
        if (w.rank() == 4) {
            String channel = w.dim(1) == 1 ? "" : " (input channel 1 of " + w.dim(1) + ")";
            return new Tiles(w.dim(0), w.dim(2), w.dim(3), "filter", "convolution filters" + channel, w);
        }
        if (w.rank() != 2) {
            throw new IllegalArgumentException("WeightsPicture: " + key + " has shape " + w.shapeString()
                    + "; expected an Affine's (in, out) or a convolution's (filters, channels, height, width)");
        }
        int in = w.dim(0);
        if (image != null) {
            if ((long) image[0] * image[1] * image[2] != in) {
                throw new IllegalArgumentException("WeightsPicture: " + key + " takes " + in + " inputs, not images of "
                        + image[0] + "×" + image[1] + "×" + image[2]);
            }
            String channel = image[0] == 1 ? "" : " (channel 1 of " + image[0] + ")";
            return new Tiles(
                    w.dim(1),
                    image[1],
                    image[2],
                    "unit",
                    "weights into each unit, as " + image[1] + "×" + image[2] + " images" + channel,
                    w);
        }
        int side = (int) Math.round(Math.sqrt(in));
        if (side * side != in) {
            throw new IllegalArgumentException("WeightsPicture: " + key + " takes " + in
                    + " inputs, not a square image, so its rows cannot be drawn as images");
        }
        return new Tiles(
                w.dim(1), side, side, "unit", "weights into each unit, as " + side + "×" + side + " images", w);
    }
}

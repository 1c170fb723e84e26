package org.bricknet.examples;

import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.Memory;
import org.bricknet.core.io.Mnist;

/**
 * Square images made smaller by area averaging: each output pixel is the mean of the input area it
 * covers, partly covered input pixels weighted by the part covered (a box filter, as PIL's
 * {@code Image.resize(..., BOX)}). The embedded 28×28 digits scaled to 20×20 give the shape of the
 * classic tutorial's digits (400 inputs) with the whole digit kept.
 */
public final class Downscale {
    private Downscale() {}

    /** Both halves of a split, scaled to {@code side × side}. */
    public static Mnist.Split split(Mnist.Split split, int side) {
        return new Mnist.Split(dataset(split.train(), side), dataset(split.test(), side));
    }

    /**
     * Every image of {@code data} (square images of one channel, flat or not) scaled to
     * {@code side × side}: flat rows of {@code side²} doubles that know they are images of
     * {@code 1 × side × side}. The source is read a thousand examples at a time, so images held as
     * bytes are never all turned into doubles at once; the result's size is asked of {@link Memory}
     * first.
     */
    public static Dataset dataset(Dataset data, int side) {
        int cols = data.valuesPerExample();
        int[] image = data.imageShape();
        int from = (int) Math.round(Math.sqrt(cols));
        if (from * from != cols || image != null && image[0] != 1) {
            throw new IllegalArgumentException("Downscale: expected square images of one channel, got "
                    + (image != null ? image[0] + "×" + image[1] + "×" + image[2] : cols + " values") + " per example");
        }
        if (side < 1 || side > from) {
            throw new IllegalArgumentException("Downscale: expected a side in [1, " + from + "] for " + from + "×"
                    + from + " images, got " + side);
        }
        double[][] weights = weights(from, side);
        int n = data.size();
        Memory.require(8L * n * side * side, n + " images scaled to " + side + "×" + side);
        Tensor out = Tensor.zeros(n, 1, side, side);
        double[] y = out.data();
        double area = (double) from / side * from / side;
        int chunk = Math.min(n, CHUNK);
        double[] x = new double[chunk * cols];
        int[] index = java.util.stream.IntStream.range(0, n).toArray();
        for (int first = 0; first < n; first += chunk) {
            int rows = Math.min(chunk, n - first);
            data.gather(index, first, rows, x);
            for (int e = 0; e < rows; e++) {
                scale(x, e * cols, y, (first + e) * side * side, from, side, weights, area);
            }
        }
        return new Dataset(out, data.labels(), data.classes()).flat();
    }

    /** Examples read at a time. */
    private static final int CHUNK = 1000;

    private static void scale(
            double[] x, int in, double[] y, int o, int from, int side, double[][] weights, double area) {
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double sum = 0;
                for (int sr = 0; sr < from; sr++) {
                    double wr = weights[r][sr];
                    if (wr == 0) {
                        continue;
                    }
                    for (int sc = 0; sc < from; sc++) {
                        sum += wr * weights[c][sc] * x[in + sr * from + sc];
                    }
                }
                y[o + r * side + c] = sum / area;
            }
        }
    }

    /** {@code w[i][s]}: how much of source pixel {@code s} output pixel {@code i} covers, along one axis. */
    private static double[][] weights(int from, int to) {
        double scale = (double) from / to;
        double[][] w = new double[to][from];
        for (int i = 0; i < to; i++) {
            double lo = i * scale;
            double hi = (i + 1) * scale;
            for (int s = (int) Math.floor(lo); s < Math.min(from, (int) Math.ceil(hi)); s++) {
                w[i][s] = Math.min(hi, s + 1) - Math.max(lo, s);
            }
        }
        return w;
    }
}

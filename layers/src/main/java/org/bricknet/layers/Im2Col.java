package org.bricknet.layers;

import org.bricknet.core.Tensor;

/**
 * Unrolls image patches into matrix columns so that a convolution becomes one matrix product
 * (Caffe's layout, per image).
 *
 * <p>For one image {@code C x H x W}, kernel {@code KH x KW}, stride {@code s} and zero padding
 * {@code p}, the output is {@code OH = (H + 2p − KH) / s + 1} by {@code OW = (W + 2p − KW) / s + 1}
 * (integer division: rows or columns the last stride does not reach are left out, as in the book
 * and PyTorch). {@link #im2col} writes the {@code (C·KH·KW) x (OH·OW)} matrix
 * {@code col[(c, i, j), (y, x)] = img[c, y·s − p + i, x·s − p + j]} (0 outside the image), so a
 * filter bank {@code W} viewed as {@code FN x (C·KH·KW)} gives the output {@code W·col}, already in
 * {@code FN x OH x OW} order. {@link #col2im} is its adjoint: it adds each column entry back onto
 * the pixel it came from (pixels shared by overlapping patches receive the sum).
 */
public final class Im2Col {
    private Im2Col() {}

    /** The sizes of one patch extraction; {@code oh x ow} is the output grid. */
    public record Geometry(int channels, int h, int w, int kh, int kw, int stride, int pad, int oh, int ow) {
        /** Rows of an image's column matrix: {@code C·KH·KW}. */
        public int patchSize() {
            return channels * kh * kw;
        }

        /** Columns of an image's column matrix: {@code OH·OW}. */
        public int outputSize() {
            return oh * ow;
        }

        /** Values in one input image: {@code C·H·W}. */
        public int imageSize() {
            return channels * h * w;
        }
    }

    /**
     * Checks that {@code x} is {@code N x channels x H x W} and that the kernel fits in the padded
     * input; fails naming {@code layer} and the shapes otherwise.
     */
    public static Geometry geometry(String layer, Tensor x, int channels, int kh, int kw, int stride, int pad) {
        if (x.rank() != 4 || (channels > 0 && x.dim(1) != channels)) {
            String c = channels > 0 ? Integer.toString(channels) : "C";
            throw new IllegalArgumentException(
                    layer + ": expected input of shape (N, " + c + ", H, W), got " + x.shapeString());
        }
        int h = x.dim(2);
        int w = x.dim(3);
        if (h + 2 * pad < kh || w + 2 * pad < kw) {
            throw new IllegalArgumentException(layer + ": kernel " + kh + "x" + kw
                    + " is larger than the padded input " + (h + 2 * pad) + "x" + (w + 2 * pad)
                    + " (input " + x.shapeString() + ", pad " + pad + ")");
        }
        return new Geometry(
                x.dim(1), h, w, kh, kw, stride, pad, (h + 2 * pad - kh) / stride + 1, (w + 2 * pad - kw) / stride + 1);
    }

    /** Checks a kernel size, stride and padding where a layer is built. */
    public static void requireKernel(String layer, int kh, int kw, int stride, int pad) {
        if (kh < 1 || kw < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException(layer + ": expected kernel >= 1x1, stride >= 1 and pad >= 0, got kernel "
                    + kh + "x" + kw + ", stride " + stride + ", pad " + pad);
        }
    }

    /**
     * Checks a pooling window where a layer is built: as {@link #requireKernel}, and the padding
     * must be smaller than the window so that every window holds at least one image cell.
     */
    public static void requirePoolingWindow(String layer, int ph, int pw, int stride, int pad) {
        requireKernel(layer, ph, pw, stride, pad);
        if (pad >= ph || pad >= pw) {
            throw new IllegalArgumentException(
                    layer + ": pad must be smaller than the window " + ph + "x" + pw + ", got " + pad);
        }
    }

    /** Writes the column matrix of the image at {@code img[imgOff...]} into {@code col[colOff...]}. */
    public static void im2col(Geometry g, double[] img, int imgOff, double[] col, int colOff) {
        int ohw = g.outputSize();
        int s = g.stride();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    int row = colOff + ((c * g.kh() + i) * g.kw() + j) * ohw;
                    int x0 = firstInside(j, g.pad(), s);
                    int x1 = endInside(j, g.pad(), s, g.w(), g.ow());
                    for (int y = 0; y < g.oh(); y++) {
                        int iy = y * s - g.pad() + i;
                        int dst = row + y * g.ow();
                        if (iy < 0 || iy >= g.h() || x0 >= x1) {
                            java.util.Arrays.fill(col, dst, dst + g.ow(), 0.0);
                            continue;
                        }
                        java.util.Arrays.fill(col, dst, dst + x0, 0.0);
                        java.util.Arrays.fill(col, dst + x1, dst + g.ow(), 0.0);
                        int src = imgOff + (c * g.h() + iy) * g.w() - g.pad() + j;
                        if (s == 1) {
                            System.arraycopy(img, src + x0, col, dst + x0, x1 - x0);
                        } else {
                            for (int x = x0; x < x1; x++) {
                                col[dst + x] = img[src + x * s];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds the column matrix at {@code col[colOff...]} back onto the image at {@code img[imgOff...]}. */
    public static void col2im(Geometry g, double[] col, int colOff, double[] img, int imgOff) {
        int ohw = g.outputSize();
        int s = g.stride();
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    int row = colOff + ((c * g.kh() + i) * g.kw() + j) * ohw;
                    int x0 = firstInside(j, g.pad(), s);
                    int x1 = endInside(j, g.pad(), s, g.w(), g.ow());
                    for (int y = 0; y < g.oh(); y++) {
                        int iy = y * s - g.pad() + i;
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        int src = row + y * g.ow();
                        int dst = imgOff + (c * g.h() + iy) * g.w() - g.pad() + j;
                        for (int x = x0; x < x1; x++) {
                            img[dst + x * s] += col[src + x];
                        }
                    }
                }
            }
        }
    }

    /** The first output column x whose input column {@code x·s − pad + j} is >= 0. */
    private static int firstInside(int j, int pad, int s) {
        return pad > j ? (pad - j + s - 1) / s : 0;
    }

    /** One past the last output column x (< ow) whose input column {@code x·s − pad + j} is < w. */
    private static int endInside(int j, int pad, int s, int w, int ow) {
        int last = w - 1 + pad - j;
        return last < 0 ? 0 : Math.min(ow, last / s + 1);
    }
}

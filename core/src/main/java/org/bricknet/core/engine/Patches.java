package org.bricknet.core.engine;

/**
 * A window sliding over images: {@code channels x height x width} images, a {@code kh x kw}
 * window moved by {@code stride}, zero padding {@code pad} on every side. The window takes
 * {@code oh() x ow()} positions, {@code OH = (H + 2p − KH) / s + 1} and
 * {@code OW = (W + 2p − KW) / s + 1} (integer division: rows or columns the last stride does not
 * reach are left out, as in the book and PyTorch).
 *
 * <p>Unrolled (Caffe's layout, per image), the patches are the {@code (C·KH·KW) x (OH·OW)} matrix
 * {@code col[(c, i, j), (y, x)] = img[c, y·s − p + i, x·s − p + j]} (0 outside the image), so a
 * filter bank {@code W} viewed as {@code FN x (C·KH·KW)} gives a convolution's output as
 * {@code W·col}, already in {@code FN x OH x OW} order ({@link Ops#im2col}); {@link Ops#col2im} is
 * its adjoint, adding each column entry back onto the pixel it came from.
 *
 * @param channels C
 * @param height H
 * @param width W
 * @param kh the window's height
 * @param kw the window's width
 * @param stride s, at least 1
 * @param pad p, at least 0
 */
public record Patches(int channels, int height, int width, int kh, int kw, int stride, int pad) {
    public Patches {
        if (channels < 1 || height < 1 || width < 1 || kh < 1 || kw < 1 || stride < 1 || pad < 0) {
            throw new IllegalArgumentException("Patches: expected positive sizes, stride >= 1 and pad >= 0, got "
                    + channels + "x" + height + "x" + width + " images, window " + kh + "x" + kw + ", stride "
                    + stride + ", pad " + pad);
        }
        if (height + 2 * pad < kh || width + 2 * pad < kw) {
            throw new IllegalArgumentException("Patches: window " + kh + "x" + kw + " is larger than the padded image "
                    + (height + 2 * pad) + "x" + (width + 2 * pad));
        }
    }

    /** OH, the window's positions down an image. */
    public int oh() {
        return (height + 2 * pad - kh) / stride + 1;
    }

    /** OW, the window's positions across an image. */
    public int ow() {
        return (width + 2 * pad - kw) / stride + 1;
    }

    /** Rows of an image's column matrix: {@code C·KH·KW}. */
    public int patchSize() {
        return channels * kh * kw;
    }

    /** Columns of an image's column matrix: {@code OH·OW}. */
    public int outputSize() {
        return oh() * ow();
    }

    /** Values in one image: {@code C·H·W}. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Writes the column matrix of the image at {@code img[imgOff...]} into {@code col[colOff...]}. */
    void im2col(double[] img, int imgOff, double[] col, int colOff) {
        int oh = oh();
        int ow = ow();
        int ohw = oh * ow;
        if (stride == 1 && pad == 0) { // every row of every window inside the image: one copy each
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int row = colOff + ((c * kh + i) * kw + j) * ohw;
                        int src = imgOff + (c * height + i) * width + j;
                        for (int y = 0; y < oh; y++) {
                            System.arraycopy(img, src + y * width, col, row + y * ow, ow);
                        }
                    }
                }
            }
            return;
        }
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = colOff + ((c * kh + i) * kw + j) * ohw;
                    int x0 = firstInside(j);
                    int x1 = endInside(j, ow);
                    for (int y = 0; y < oh; y++) {
                        int iy = y * stride - pad + i;
                        int dst = row + y * ow;
                        if (iy < 0 || iy >= height || x0 >= x1) {
                            java.util.Arrays.fill(col, dst, dst + ow, 0.0);
                            continue;
                        }
                        java.util.Arrays.fill(col, dst, dst + x0, 0.0);
                        java.util.Arrays.fill(col, dst + x1, dst + ow, 0.0);
                        int src = imgOff + (c * height + iy) * width - pad + j;
                        if (stride == 1) {
                            System.arraycopy(img, src + x0, col, dst + x0, x1 - x0);
                        } else {
                            for (int x = x0; x < x1; x++) {
                                col[dst + x] = img[src + x * stride];
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds the column matrix at {@code col[colOff...]} back onto the image at {@code img[imgOff...]}. */
    void col2im(double[] col, int colOff, double[] img, int imgOff) {
        int oh = oh();
        int ow = ow();
        int ohw = oh * ow;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = colOff + ((c * kh + i) * kw + j) * ohw;
                    int x0 = firstInside(j);
                    int x1 = endInside(j, ow);
                    for (int y = 0; y < oh; y++) {
                        int iy = y * stride - pad + i;
                        if (iy < 0 || iy >= height) {
                            continue;
                        }
                        int src = row + y * ow;
                        int dst = imgOff + (c * height + iy) * width - pad + j;
                        for (int x = x0; x < x1; x++) {
                            img[dst + x * stride] += col[src + x];
                        }
                    }
                }
            }
        }
    }

    /** The first output column x whose input column {@code x·s − pad + j} is >= 0. */
    private int firstInside(int j) {
        return pad > j ? (pad - j + stride - 1) / stride : 0;
    }

    /** One past the last output column x (< ow) whose input column {@code x·s − pad + j} is < width. */
    private int endInside(int j, int ow) {
        int last = width - 1 + pad - j;
        return last < 0 ? 0 : Math.min(ow, last / stride + 1);
    }
}

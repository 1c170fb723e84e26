package org.bricknet.layers;

import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;
import org.bricknet.core.engine.Patches;

/**
 * Unrolls image patches into matrix columns so that a convolution becomes one matrix product
 * (Caffe's layout, per image), and the checks a convolution or pooling layer makes of its window.
 *
 * <p>For one image {@code C x H x W}, kernel {@code KH x KW}, stride {@code s} and zero padding
 * {@code p}, the output is {@code OH = (H + 2p − KH) / s + 1} by {@code OW = (W + 2p − KW) / s + 1}
 * (integer division: rows or columns the last stride does not reach are left out, as in the book
 * and PyTorch). {@link #im2col} writes the {@code (C·KH·KW) x (OH·OW)} matrix
 * {@code col[(c, i, j), (y, x)] = img[c, y·s − p + i, x·s − p + j]} (0 outside the image), so a
 * filter bank {@code W} viewed as {@code FN x (C·KH·KW)} gives the output {@code W·col}, already in
 * {@code FN x OH x OW} order. {@link #col2im} is its adjoint: it adds each column entry back onto
 * the pixel it came from (pixels shared by overlapping patches receive the sum). The sizes are a
 * {@link Patches}; the loops are the engine's ({@link Ops#im2col}), which a convolution runs image
 * by image inside {@link Ops#convolve}.
 */
public final class Im2Col {
    private Im2Col() {}

    /**
     * Checks that {@code x} is {@code N x channels x H x W} and that the kernel fits in the padded
     * input; fails naming {@code layer} and the shapes otherwise.
     */
    public static Patches geometry(String layer, Tensor x, int channels, int kh, int kw, int stride, int pad) {
        return geometry(layer, x.shape(), channels, kh, kw, stride, pad);
    }

    /** {@link #geometry(String, Tensor, int, int, int, int, int)} for input of the given shape. */
    static Patches geometry(String layer, int[] shape, int channels, int kh, int kw, int stride, int pad) {
        if (shape.length != 4 || (channels > 0 && shape[1] != channels)) {
            String c = channels > 0 ? Integer.toString(channels) : "C";
            throw new IllegalArgumentException(
                    layer + ": expected input of shape (N, " + c + ", H, W), got " + Tensor.shapeString(shape));
        }
        int h = shape[2];
        int w = shape[3];
        if (h + 2 * pad < kh || w + 2 * pad < kw) {
            throw new IllegalArgumentException(layer + ": kernel " + kh + "x" + kw
                    + " is larger than the padded input " + (h + 2 * pad) + "x" + (w + 2 * pad)
                    + " (input " + Tensor.shapeString(shape) + ", pad " + pad + ")");
        }
        return new Patches(shape[1], h, w, kh, kw, stride, pad);
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
    public static void im2col(Patches g, double[] img, int imgOff, double[] col, int colOff) {
        Ops.im2col(g, img, imgOff, col, colOff);
    }

    /** Adds the column matrix at {@code col[colOff...]} back onto the image at {@code img[imgOff...]}. */
    public static void col2im(Patches g, double[] col, int colOff, double[] img, int imgOff) {
        Ops.col2im(g, col, colOff, img, imgOff);
    }
}

package org.bricknet.core.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;

/**
 * Examples and their class labels, labels in {@code [0, classes)}. Each example has a shape
 * ({@link #exampleShape()}: {@code D} values, or {@code C x H x W} for convolution), and images
 * know their geometry ({@link #imageShape()}) even when viewed flat.
 *
 * <p>Two ways to hold the examples: as doubles ({@link #Dataset(Tensor, int[], int)}), or as
 * bytes ({@link #images}), eight times smaller, each pixel {@code b} becoming {@code (b & 0xff) /
 * 255.0} when a mini-batch is gathered ({@link #gather}) — the same doubles, to the bit, that
 * scaling the whole set at once would give. 60,000 MNIST-size images take 47 MB as bytes, 376 MB
 * as doubles.
 */
public final class Dataset {
    /** {@code (b & 0xff) / 255.0} for each byte value: what a byte-held pixel stands for. */
    private static final double[] UNIT = unitScale();

    private final Tensor values;
    private final byte[] bytes;
    private final int[] example;
    private final int[] image;
    private final int[] labels;
    private final int classes;

    /**
     * Examples held as doubles: {@code inputs} is {@code N x D} or {@code N x C x H x W} (the latter
     * known as images of {@code C x H x W}); every value must be finite.
     */
    public Dataset(Tensor inputs, int[] labels, int classes) {
        this(inputs, null, rest(inputs.shape()), inputs.rank() == 4 ? rest(inputs.shape()) : null, labels, classes);
        double[] d = inputs.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("Dataset: input value " + i + " (example " + i / inputs.cols()
                        + ") is " + d[i] + "; expected a finite number");
            }
        }
    }

    private Dataset(Tensor values, byte[] bytes, int[] example, int[] image, int[] labels, int classes) {
        long per = 1;
        for (int d : example) {
            per *= d;
        }
        long held = values != null ? values.size() : bytes.length;
        if (held != per * labels.length) {
            throw new IllegalArgumentException("Dataset: " + held + " input values are not " + labels.length
                    + " examples of " + Tensor.shapeString(example));
        }
        if (classes < 1) {
            throw new IllegalArgumentException("Dataset: expected at least one class, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "Dataset: label " + i + " is " + labels[i] + "; expected a class in [0, " + classes + ")");
            }
        }
        this.values = values;
        this.bytes = bytes;
        this.example = example;
        this.image = image;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * Images held as bytes, {@code pixels} being {@code N} images of {@code channels x height x
     * width} unsigned bytes, row-major (not copied); each pixel stands for {@code (b & 0xff) / 255}.
     * The examples are flat ({@code D = channels·height·width}) until {@link #asImages()}.
     */
    public static Dataset images(byte[] pixels, int channels, int height, int width, int[] labels, int classes) {
        int[] image = {channels, height, width};
        for (int d : image) {
            if (d < 1) {
                throw new IllegalArgumentException(
                        "Dataset: image sizes must be at least 1, got " + Tensor.shapeString(image));
            }
        }
        return new Dataset(null, pixels, new int[] {channels * height * width}, image, labels, classes);
    }

    public int size() {
        return labels.length;
    }

    /** The labels (not a copy). */
    public int[] labels() {
        return labels;
    }

    public int classes() {
        return classes;
    }

    /** The shape of one example as a mini-batch holds it: {@code {D}} or {@code {C, H, W}}. */
    public int[] exampleShape() {
        return example.clone();
    }

    /** The values in one example ({@code D}, or {@code C·H·W}). */
    public int valuesPerExample() {
        int per = 1;
        for (int d : example) {
            per *= d;
        }
        return per;
    }

    /** The geometry {@code {channels, height, width}} of the examples when they are images, else null. */
    public int[] imageShape() {
        return image == null ? null : image.clone();
    }

    /** Whether the examples are held as bytes (see {@link #images}). */
    public boolean heldAsBytes() {
        return bytes != null;
    }

    /** The bytes the examples take in memory (one per byte-held value, eight per double). */
    public long heldBytes() {
        return bytes != null ? bytes.length : 8L * values.size();
    }

    /**
     * Every example as one tensor of doubles, {@code N x exampleShape}. For examples held as
     * doubles it is the held tensor itself; for bytes it is a new tensor of {@code N·D} doubles
     * (asked of {@link Memory} first): a mini-batch at a time is what {@link MiniBatches} gathers.
     */
    public Tensor inputs() {
        int[] shape = shapeOf(size());
        if (values != null) {
            return values.hasShape(shape) ? values : values.reshape(shape);
        }
        Memory.require(8L * bytes.length, size() + " examples of " + Tensor.shapeString(example) + " as doubles");
        Tensor t = Tensor.zeros(shape);
        int[] all = new int[size()];
        Arrays.setAll(all, i -> i);
        gather(all, 0, all.length, t.data());
        return t;
    }

    /**
     * Copies examples {@code index[from], …, index[from + n − 1]} as doubles into the first
     * {@code n} examples' places of {@code dst}.
     */
    public void gather(int[] index, int from, int n, double[] dst) {
        if (bytes != null) {
            Ops.gatherRows(bytes, UNIT, valuesPerExample(), index, from, n, dst);
        } else {
            Ops.gatherRows(values.data(), valuesPerExample(), index, from, n, dst);
        }
    }

    /** The labels as a {@code (N,)} tensor of class indices. */
    public Tensor targets() {
        double[] t = new double[labels.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = labels[i];
        }
        return Tensor.of(t, t.length);
    }

    /** The labels as one-hot rows, {@code N x classes}. */
    public Tensor oneHot() {
        Tensor t = Tensor.zeros(labels.length, classes);
        double[] d = t.data();
        for (int i = 0; i < labels.length; i++) {
            d[i * classes + labels[i]] = 1.0;
        }
        return t;
    }

    /** Examples {@code [from, to)}, copied, held as these are. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException(
                    "Dataset.slice: expected 0 <= from < to <= " + size() + ", got [" + from + ", " + to + ")");
        }
        int per = valuesPerExample();
        int[] y = Arrays.copyOfRange(labels, from, to);
        if (bytes != null) {
            byte[] b = Arrays.copyOfRange(bytes, from * per, to * per);
            return new Dataset(null, b, example, image, y, classes);
        }
        double[] x = Arrays.copyOfRange(values.data(), from * per, to * per);
        return new Dataset(Tensor.of(x, shapeOf(to - from)), null, example, image, y, classes);
    }

    /** The same examples viewed as images of {@code channels x height x width}. */
    public Dataset asImages(int channels, int height, int width) {
        int[] shape = {channels, height, width};
        if ((long) channels * height * width != valuesPerExample() || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Dataset: examples of " + valuesPerExample()
                    + " values cannot be viewed as images of " + Tensor.shapeString(shape));
        }
        if (image != null && !Arrays.equals(image, shape)) {
            throw new IllegalArgumentException("Dataset: the examples are images of " + Tensor.shapeString(image)
                    + ", not " + Tensor.shapeString(shape));
        }
        return new Dataset(values, bytes, shape, shape, labels, classes);
    }

    /** The same examples viewed as the images they are ({@link #imageShape()}). */
    public Dataset asImages() {
        if (image == null) {
            throw new IllegalArgumentException(
                    "Dataset: the examples (" + Tensor.shapeString(example) + " values) are not known to be images");
        }
        return asImages(image[0], image[1], image[2]);
    }

    /** The same examples flattened to vectors; images keep their geometry. */
    public Dataset flat() {
        return new Dataset(values, bytes, new int[] {valuesPerExample()}, image, labels, classes);
    }

    /**
     * A fingerprint of the examples, labels and geometry, such as {@code 8000 examples of (1, 28,
     * 28) bytes, 10 classes, crc32c 1a2b3c4d 5e6f7a8b}, the same whether viewed flat or as images. Two data sets
     * with the same fingerprint hold, with overwhelming likelihood, the same examples in the same
     * order; a checkpoint records it to refuse being resumed on other data.
     */
    public String fingerprint() {
        CRC32C crc = new CRC32C();
        if (bytes != null) {
            crc.update(bytes);
        } else {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values.data()) {
                if (!buf.hasRemaining()) {
                    crc.update(buf.flip());
                    buf.clear();
                }
                buf.putDouble(v);
            }
            crc.update(buf.flip());
        }
        long x = crc.getValue();
        crc.reset();
        ByteBuffer lb = ByteBuffer.allocate(4 * labels.length);
        lb.asIntBuffer().put(labels);
        crc.update(lb);
        return String.format(
                "%d examples of %s%s, %d classes, crc32c %08x %08x",
                size(),
                image != null ? Tensor.shapeString(image) : "(" + valuesPerExample() + ")",
                bytes != null ? " bytes" : "",
                classes,
                x,
                crc.getValue());
    }

    private int[] shapeOf(int n) {
        int[] s = new int[example.length + 1];
        s[0] = n;
        System.arraycopy(example, 0, s, 1, example.length);
        return s;
    }

    /** The shape of one example of inputs shaped {@code shape}: {@code {1}} for {@code (N,)}. */
    private static int[] rest(int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("Dataset: expected inputs with a first axis of examples, got a scalar");
        }
        return shape.length == 1 ? new int[] {1} : Arrays.copyOfRange(shape, 1, shape.length);
    }

    private static double[] unitScale() {
        double[] t = new double[256];
        for (int b = 0; b < 256; b++) {
            t[b] = b / 255.0;
        }
        return t;
    }
}

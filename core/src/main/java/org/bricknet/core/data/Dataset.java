package org.bricknet.core.data;

import java.util.Arrays;
import org.bricknet.core.Tensor;

/**
 * Inputs and their class labels: inputs shaped {@code N x D} (or {@code N x C x H x W} for
 * convolution), labels in {@code [0, classes)}.
 */
public final class Dataset {
    private final Tensor inputs;
    private final int[] labels;
    private final int classes;

    public Dataset(Tensor inputs, int[] labels, int classes) {
        if (inputs.rows() != labels.length) {
            throw new IllegalArgumentException(
                    "Dataset: " + inputs.rows() + " inputs but " + labels.length + " labels");
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
        double[] d = inputs.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("Dataset: input value " + i + " (example " + i / inputs.cols()
                        + ") is " + d[i] + "; expected a finite number");
            }
        }
        this.inputs = inputs;
        this.labels = labels;
        this.classes = classes;
    }

    public int size() {
        return labels.length;
    }

    public Tensor inputs() {
        return inputs;
    }

    /** The labels (not a copy). */
    public int[] labels() {
        return labels;
    }

    public int classes() {
        return classes;
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

    /** Examples {@code [from, to)}, copied. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException(
                    "Dataset.slice: expected 0 <= from < to <= " + size() + ", got [" + from + ", " + to + ")");
        }
        int[] shape = inputs.shape();
        int per = inputs.cols();
        shape[0] = to - from;
        double[] x = Arrays.copyOfRange(inputs.data(), from * per, to * per);
        return new Dataset(Tensor.of(x, shape), Arrays.copyOfRange(labels, from, to), classes);
    }

    /** The same data with each input viewed as {@code channels x height x width}. */
    public Dataset asImages(int channels, int height, int width) {
        return new Dataset(inputs.reshape(size(), channels, height, width), labels, classes);
    }

    /** The same data with each input flattened to a vector. */
    public Dataset flat() {
        return new Dataset(inputs.reshape(size(), inputs.cols()), labels, classes);
    }
}

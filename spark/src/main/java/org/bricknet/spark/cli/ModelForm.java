package org.bricknet.spark.cli;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.bricknet.core.Layer;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.BadFileException;
import org.bricknet.layers.Affine;
import org.bricknet.layers.BatchNormalization;
import org.bricknet.layers.Convolution;
import org.bricknet.layers.Dropout;
import org.bricknet.layers.MaxPooling;
import org.bricknet.layers.Relu;
import org.bricknet.layers.Sigmoid;
import org.bricknet.layers.Tanh;
import org.bricknet.layers.WeightInit;
import org.bricknet.losses.MeanSquaredError;
import org.bricknet.losses.SoftmaxWithLoss;

/**
 * The models of {@code bricknet.jar train}, built brick for brick as its examples build them (the
 * book's TwoLayerNet, Nielsen's network, MultiLayerNet, SimpleConvNet), so that the same seed gives
 * the same initial weights on one machine and on Spark, and written into model files and
 * checkpoints with the same metadata, so that either program reads the other's files (a model that
 * ends in another loss than its kind's, as {@code train --loss} makes, is refused). Serializable:
 * the executors build their copies from it.
 */
record ModelForm(
        String kind,
        int[] input,
        int[] hidden,
        int classes,
        String activation,
        String init,
        double dropout,
        boolean batchNorm,
        double weightDecay)
        implements Serializable {
    static final String[] KINDS = {"two-layer", "nielsen", "mlp", "cnn"};
    private static final int MAX_WIDTH = 1 << 16;
    private static final int FILTERS = 30;
    private static final int KERNEL = 5;

    ModelForm {
        input = input.clone();
        hidden = hidden.clone();
        if (!Arrays.asList(KINDS).contains(kind)) {
            throw new IllegalArgumentException(
                    "unknown model '" + kind + "'; expected one of " + String.join(", ", KINDS));
        }
        boolean cnn = kind.equals("cnn");
        if (cnn ? input.length != 3 : input.length != 1) {
            throw new IllegalArgumentException(kind + ": expected inputs of shape "
                    + (cnn ? "channels,height,width" : "a single size") + ", got " + Arrays.toString(input));
        }
        if ((kind.equals("two-layer") || cnn) && hidden.length != 1) {
            throw new IllegalArgumentException(kind + ": expected one hidden size, got " + Arrays.toString(hidden));
        }
        for (int[] sizes : new int[][] {input, hidden, {classes}}) {
            for (int s : sizes) {
                if (s < 1 || s > MAX_WIDTH) {
                    throw new IllegalArgumentException(kind + ": sizes must be in [1, " + MAX_WIDTH + "], got "
                            + Arrays.toString(input) + " / " + Arrays.toString(hidden) + " / " + classes);
                }
            }
        }
        if (cnn && (input[1] < KERNEL + 1 || input[2] < KERNEL + 1)) {
            throw new IllegalArgumentException(
                    "cnn: expected images of at least 6x6, got " + input[1] + "x" + input[2]);
        }
        activationLayer(activation);
        WeightInit.parse(init);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(kind + ": dropout must be in [0, 1), got " + dropout);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(
                    kind + ": weight decay must be a finite number >= 0, got " + weightDecay);
        }
    }

    /** A fresh network of this form, initialised from {@code random}. */
    Network build(Random random) {
        int flat = Arrays.stream(input).reduce(1, (a, b) -> a * b);
        Network net = new Network();
        switch (kind) {
            case "two-layer" -> {
                net.add("Affine1", new Affine(flat, hidden[0], 0.01, random))
                        .add("Relu1", new Relu())
                        .add("Affine2", new Affine(hidden[0], classes, 0.01, random));
                return net.withLoss(new SoftmaxWithLoss());
            }
            case "nielsen" -> {
                int in = flat;
                int i = 1;
                for (int out : sizesAfterInput()) {
                    net.add(
                            "Affine" + i,
                            new Affine(Tensor.randn(random, 1.0, in, out), Tensor.randn(random, 1.0, out)));
                    net.add("Sigmoid" + i++, new Sigmoid());
                    in = out;
                }
                return net.withLoss(new MeanSquaredError());
            }
            case "mlp" -> {
                WeightInit w = WeightInit.parse(init);
                int in = flat;
                int i = 1;
                for (int h : hidden) {
                    net.add("Affine" + i, new Affine(in, h, w, random));
                    if (batchNorm) {
                        net.add("BatchNorm" + i, new BatchNormalization(h));
                    }
                    net.add(layerName(activation) + i, activationLayer(activation));
                    if (dropout > 0) {
                        net.add("Dropout" + i, new Dropout(dropout, random));
                    }
                    in = h;
                    i++;
                }
                net.add("Affine" + i, new Affine(in, classes, w, random));
                return net.withLoss(new SoftmaxWithLoss()).withWeightDecay(weightDecay);
            }
            default -> {
                WeightInit he = WeightInit.he();
                int pooled = FILTERS * ((input[1] - KERNEL + 1) / 2) * ((input[2] - KERNEL + 1) / 2);
                net.add("Conv1", new Convolution(FILTERS, input[0], KERNEL, KERNEL, 1, 0, he, random), "W1", "b1")
                        .add("Relu1", new Relu())
                        .add("Pool1", new MaxPooling(2, 2, 2, 0))
                        .add("Affine1", new Affine(pooled, hidden[0], he, random), "W2", "b2")
                        .add("Relu2", new Relu())
                        .add("Affine2", new Affine(hidden[0], classes, he, random), "W3", "b3");
                return net.withLoss(new SoftmaxWithLoss());
            }
        }
    }

    /** The metadata {@code bricknet.jar} writes for this model (its {@code ModelSpec}'s). */
    Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "bricknet-model-1");
        m.put("model", kind);
        m.put("input", join(input));
        m.put("hidden", join(hidden));
        m.put("classes", Integer.toString(classes));
        m.put("activation", activation.toLowerCase(Locale.ROOT));
        m.put("init", init);
        m.put("dropout", Double.toString(dropout));
        m.put("batch_norm", Boolean.toString(batchNorm));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("loss", loss());
        return m;
    }

    /** The loss this form ends in: Nielsen's quadratic cost, else softmax with cross-entropy. */
    String loss() {
        return kind.equals("nielsen") ? "mse" : "softmax";
    }

    /** Reads a form back from a model file's or checkpoint's metadata. */
    static ModelForm fromMetadata(Map<String, String> meta, String file) throws BadFileException {
        ModelForm form;
        try {
            form = new ModelForm(
                    field(meta, "model"),
                    ints(field(meta, "input")),
                    ints(field(meta, "hidden")),
                    Integer.parseInt(field(meta, "classes")),
                    field(meta, "activation"),
                    field(meta, "init"),
                    Double.parseDouble(field(meta, "dropout")),
                    Boolean.parseBoolean(field(meta, "batch_norm")),
                    Double.parseDouble(field(meta, "weight_decay")));
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file, "__metadata__ does not describe a bricknet model: " + e.getMessage());
        }
        String loss = meta.getOrDefault("loss", form.loss());
        if (!loss.equals(form.loss())) {
            throw new BadFileException(
                    file,
                    "__metadata__ 'loss' is '" + loss + "'; bricknet-spark trains " + form.kind() + " with '"
                            + form.loss() + "' only");
        }
        return form;
    }

    /** Its name and sizes, as {@code bricknet.jar} prints them: {@code two-layer 784,50,10}. */
    @Override
    public String toString() {
        return kind + " " + join(input) + (input.length > 1 ? " → " : ",") + join(hidden) + "," + classes;
    }

    static int[] ints(String text) {
        return Arrays.stream(text.split(","))
                .mapToInt(v -> Integer.parseInt(v.trim()))
                .toArray();
    }

    private int[] sizesAfterInput() {
        int[] s = Arrays.copyOf(hidden, hidden.length + 1);
        s[hidden.length] = classes;
        return s;
    }

    private static Layer activationLayer(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> new Relu();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            default ->
                throw new IllegalArgumentException(
                        "unknown activation '" + name + "'; expected one of [relu, sigmoid, tanh]");
        };
    }

    private static String layerName(String activation) {
        String a = activation.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(a.charAt(0)) + a.substring(1);
    }

    private static String field(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "' field");
        }
        return v;
    }

    private static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}

package org.bricknet.examples.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.BadFileException;
import org.bricknet.examples.Activation;
import org.bricknet.examples.MultiLayerNet;
import org.bricknet.examples.NielsenNetwork;
import org.bricknet.examples.SimpleConvNet;
import org.bricknet.examples.TwoLayerNet;
import org.bricknet.layers.WeightInit;

/**
 * What a model is, in words a model file can carry in its {@code __metadata__}: its kind, the shape
 * of one input ({@code 1,28,28} for images of 28×28, which every kind but the convolutional net
 * takes flattened; or a plain size such as {@code 784}), the hidden layer sizes, the number of
 * classes, for {@code mlp} its activation, initialisation, dropout and batch norm, the weight decay
 * ({@code mlp}; {@code λ/n} for {@code nielsen2} and {@code logistic}), and the loss it ends in
 * ({@link TeachingModelOptions}). {@link #build} makes a fresh network of that form; {@link #shape}
 * refuses data of another geometry.
 */
public record ModelSpec(
        Kind kind,
        int[] input,
        int[] hidden,
        int classes,
        Activation activation,
        String init,
        double dropout,
        boolean batchNorm,
        double weightDecay,
        String loss)
        implements ModelSource {
    /** No layer may be wider than this; a file claiming more is refused before anything is allocated. */
    static final int MAX_WIDTH = 1 << 16;

    /** The model file format this code writes and reads. */
    static final String FORMAT = "bricknet-model-1";

    /** The models the command line knows. */
    public enum Kind {
        TWO_LAYER("two-layer"),
        NIELSEN("nielsen"),
        MLP("mlp"),
        CNN("cnn"),
        NIELSEN2("nielsen2"),
        LOGISTIC("logistic");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(
                    "unknown model '" + s + "'; expected one of " + Arrays.toString(values()));
        }
    }

    public ModelSpec {
        input = input.clone();
        hidden = hidden.clone();
        if (kind == Kind.CNN ? input.length != 3 : input.length != 1 && input.length != 3) {
            throw new IllegalArgumentException(kind + ": expected inputs of shape "
                    + (kind == Kind.CNN ? "channels,height,width" : "channels,height,width or a single size")
                    + ", got " + join(input));
        }
        if (hidden.length == 0) {
            throw new IllegalArgumentException(kind + ": expected at least one hidden size");
        }
        if (kind == Kind.CNN && (input[1] < SimpleConvNet.KERNEL + 1 || input[2] < SimpleConvNet.KERNEL + 1)) {
            throw new IllegalArgumentException(
                    kind + ": expected images of at least 6×6, got " + input[1] + "×" + input[2]);
        }
        if ((kind == Kind.TWO_LAYER || kind == Kind.CNN || kind == Kind.LOGISTIC) && hidden.length != 1) {
            throw new IllegalArgumentException(kind + ": expected one hidden size, got " + Arrays.toString(hidden));
        }
        for (int[] sizes : new int[][] {input, hidden, {classes}}) {
            for (int s : sizes) {
                if (s < 1 || s > MAX_WIDTH) {
                    throw new IllegalArgumentException(kind + ": sizes must be in [1, " + MAX_WIDTH + "], got input "
                            + join(input) + ", hidden " + join(hidden) + ", classes " + classes);
                }
            }
        }
        ModelOptions.requireInit(init);
        TeachingModelOptions.requireInput(kind, input);
        TeachingModelOptions.requireLoss(kind, loss);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(kind + ": dropout must be in [0, 1), got " + dropout);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(
                    kind + ": weight decay must be a finite number >= 0, got " + weightDecay);
        }
    }

    /** A model ending in its kind's default loss. */
    public ModelSpec(
            Kind kind,
            int[] input,
            int[] hidden,
            int classes,
            Activation activation,
            String init,
            double dropout,
            boolean batchNorm,
            double weightDecay) {
        this(
                kind,
                input,
                hidden,
                classes,
                activation,
                init,
                dropout,
                batchNorm,
                weightDecay,
                TeachingModelOptions.defaultLoss(kind));
    }

    /** A plain model of a kind: default activation (ReLU, sigmoid for nielsen), He init, no extras. */
    public static ModelSpec of(Kind kind, int[] input, int[] hidden, int classes) {
        return new ModelSpec(
                kind,
                input,
                hidden,
                classes,
                kind == Kind.NIELSEN ? Activation.SIGMOID : Activation.RELU,
                "he",
                0,
                false,
                0);
    }

    /** A fresh network of this form, initialised from {@code random}. */
    public Network build(Random random) {
        int flat = flatInput();
        return TeachingModelOptions.withLoss(
                this,
                switch (kind) {
                    case TWO_LAYER -> new TwoLayerNet(flat, hidden[0], classes, random);
                    case NIELSEN -> new NielsenNetwork(random, sizes(flat));
                    case MLP ->
                        new MultiLayerNet(
                                flat,
                                hidden,
                                classes,
                                activation,
                                WeightInit.parse(init),
                                weightDecay,
                                dropout,
                                batchNorm,
                                random);
                    case CNN -> new SimpleConvNet(input[0], input[1], input[2], hidden[0], classes, random);
                    case NIELSEN2, LOGISTIC -> TeachingModelOptions.build(this, sizes(flat), random);
                });
    }

    /**
     * A lower bound on the values this model's parameters hold: its weight matrices alone (and the
     * convolution's filters). A network of this form cannot have fewer, whatever else it holds.
     */
    public long minimumParameterValues() {
        return ModelSize.tensors(this).entrySet().stream()
                .filter(e -> e.getKey().startsWith("W"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * Checks, before {@link #build} allocates anything, that a file holding {@code values}
     * values in all can hold this model: metadata that claims a network of gigabytes next to a
     * few small tensors is refused without building it.
     */
    public void requireParameterCount(long values, String file) throws BadFileException {
        if (values < minimumParameterValues()) {
            throw new BadFileException(
                    file,
                    "__metadata__ describes " + this + " with at least " + minimumParameterValues()
                            + " parameter values, but the file holds " + values);
        }
    }

    /** The values of one input, flattened: {@code 784} for images of 1×28×28. */
    public int flatInput() {
        return Arrays.stream(input).reduce(1, (a, b) -> a * b);
    }

    /**
     * The data in the form this model takes: flat rows, or images for the convolutional net. Data
     * of another size, images of another geometry, or labels of another number of classes are
     * refused, naming both.
     */
    public Dataset shape(Dataset data) {
        data = TeachingModelOptions.scaled(this, data);
        int[] image = data.imageShape();
        if (input.length == 3 && image != null && !Arrays.equals(input, image)) {
            throw new IllegalArgumentException(
                    "the model takes images of " + geometry(input) + ", the data holds " + geometry(image) + " images");
        }
        if (data.valuesPerExample() != flatInput()) {
            throw new IllegalArgumentException("the model takes inputs of " + flatInput() + " values, the data has "
                    + data.valuesPerExample() + " per example");
        }
        if (data.classes() != classes) {
            throw new IllegalArgumentException(
                    "the model tells " + classes + " classes apart, the data has " + data.classes());
        }
        return kind == Kind.CNN ? data.asImages(input[0], input[1], input[2]) : data.flat();
    }

    /** {@code 28×28}, with the channels when more than one: {@code 3×32×32}. */
    static String geometry(int[] image) {
        return (image[0] == 1 ? "" : image[0] + "×") + image[1] + "×" + image[2];
    }

    /** Input, hidden and output sizes as one list, e.g. {@code 784,50,10}. */
    public String sizesText() {
        return (kind == Kind.CNN ? join(input) + " → " : flatInput() + ",") + join(hidden) + "," + classes;
    }

    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("model", kind.toString());
        m.put("input", join(input));
        m.put("hidden", join(hidden));
        m.put("classes", Integer.toString(classes));
        m.put("activation", activation.toString());
        m.put("init", init);
        m.put("dropout", Double.toString(dropout));
        m.put("batch_norm", Boolean.toString(batchNorm));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("loss", loss);
        return m;
    }

    /**
     * Reads a spec back from a model file's or checkpoint's metadata; every field is checked and a
     * bad one is named with its value.
     */
    public static ModelSpec fromMetadata(Map<String, String> meta, String file) throws BadFileException {
        try {
            Kind kind = Kind.parse(field(meta, "model"));
            return new ModelSpec(
                    kind,
                    sizes(meta, "input"),
                    sizes(meta, "hidden"),
                    sizes(meta, "classes")[0],
                    Activation.parse(field(meta, "activation")),
                    field(meta, "init"),
                    number(meta, "dropout"),
                    bool(meta, "batch_norm"),
                    number(meta, "weight_decay"),
                    meta.getOrDefault("loss", TeachingModelOptions.defaultLoss(kind)));
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file, "__metadata__ does not describe a bricknet model: " + e.getMessage());
        }
    }

    /**
     * Checks a model file's {@code format} field: this code reads {@value #FORMAT} and refuses what
     * a later version may mean by another.
     */
    static void requireFormat(Map<String, String> meta, String file) throws BadFileException {
        String f = meta.get("format");
        if (!FORMAT.equals(f)) {
            throw new BadFileException(
                    file,
                    f == null
                            ? "__metadata__ has no 'format'; not a bricknet model file"
                            : "__metadata__ 'format' is '" + f + "'; this bricknet reads " + FORMAT + " and "
                                    + org.bricknet.core.io.ModelFiles.GRAPH_FORMAT);
        }
    }

    private static int[] sizes(Map<String, String> meta, String key) {
        String v = field(meta, key);
        int[] s = ModelOptions.sizes(v);
        if (s == null) {
            throw new IllegalArgumentException("'" + key + "' is '" + v + "'; expected whole numbers such as 100,100");
        }
        return s;
    }

    private static double number(Map<String, String> meta, String key) {
        String v = field(meta, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is '" + v + "'; expected a number");
        }
    }

    private static boolean bool(Map<String, String> meta, String key) {
        String v = field(meta, key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + key + "' is '" + v + "'; expected true or false");
        }
        return v.equals("true");
    }

    private int[] sizes(int flat) {
        int[] s = new int[hidden.length + 2];
        s[0] = flat;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = classes;
        return s;
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

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", kind, sizesText())
                + (loss.equals(TeachingModelOptions.defaultLoss(kind)) ? "" : ", " + loss + " loss");
    }
}

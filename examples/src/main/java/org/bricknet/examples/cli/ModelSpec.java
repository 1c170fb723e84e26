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
 * of one input ({@code 784}, or {@code 1,28,28} for the convolutional net), the hidden layer sizes,
 * the number of classes, and for {@code mlp} its activation, initialisation, dropout, batch norm
 * and weight decay. {@link #build} makes a fresh network of that form.
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
        double weightDecay) {
    /** No layer may be wider than this; a file claiming more is refused before anything is allocated. */
    static final int MAX_WIDTH = 1 << 16;

    /** The models the command line knows. */
    public enum Kind {
        TWO_LAYER("two-layer"),
        NIELSEN("nielsen"),
        MLP("mlp"),
        CNN("cnn");

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
        if (kind == Kind.CNN ? input.length != 3 : input.length != 1) {
            throw new IllegalArgumentException(kind + ": expected inputs of shape "
                    + (kind == Kind.CNN ? "channels,height,width" : "a single size") + ", got "
                    + Arrays.toString(input));
        }
        if ((kind == Kind.TWO_LAYER || kind == Kind.CNN) && hidden.length != 1) {
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
        WeightInit.parse(init);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException(kind + ": dropout must be in [0, 1), got " + dropout);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException(
                    kind + ": weight decay must be a finite number >= 0, got " + weightDecay);
        }
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
        int flat = Arrays.stream(input).reduce(1, (a, b) -> a * b);
        return switch (kind) {
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
        };
    }

    /**
     * A lower bound on the values this model's parameters hold: its weight matrices alone (and the
     * convolution's filters). A network of this form cannot have fewer, whatever else it holds.
     */
    public long minimumParameterValues() {
        long in = Arrays.stream(input).asLongStream().reduce(1, (a, b) -> a * b);
        long n = 0;
        if (kind == Kind.CNN) {
            n += (long) SimpleConvNet.FILTERS * input[0] * SimpleConvNet.KERNEL * SimpleConvNet.KERNEL;
            long oh = Math.max(0, input[1] - SimpleConvNet.KERNEL + 1) / 2;
            long ow = Math.max(0, input[2] - SimpleConvNet.KERNEL + 1) / 2;
            in = SimpleConvNet.FILTERS * oh * ow;
        }
        for (int h : hidden) {
            n += in * h;
            in = h;
        }
        return n + in * classes;
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

    /** The data in the form this model takes: flat rows, or images for the convolutional net. */
    public Dataset shape(Dataset data) {
        int flat = Arrays.stream(input).reduce(1, (a, b) -> a * b);
        if (data.inputs().cols() != flat) {
            throw new IllegalArgumentException("the model takes inputs of " + flat + " values, the data has "
                    + data.inputs().cols() + " per example");
        }
        return kind == Kind.CNN ? data.asImages(input[0], input[1], input[2]) : data.flat();
    }

    /** Input, hidden and output sizes as one list, e.g. {@code 784,50,10}. */
    public String sizesText() {
        return join(input) + (input.length > 1 ? " → " : ",") + join(hidden) + "," + classes;
    }

    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "bricknet-model-1");
        m.put("model", kind.toString());
        m.put("input", join(input));
        m.put("hidden", join(hidden));
        m.put("classes", Integer.toString(classes));
        m.put("activation", activation.toString());
        m.put("init", init);
        m.put("dropout", Double.toString(dropout));
        m.put("batch_norm", Boolean.toString(batchNorm));
        m.put("weight_decay", Double.toString(weightDecay));
        return m;
    }

    /** Reads a spec back from a model file's metadata. */
    public static ModelSpec fromMetadata(Map<String, String> meta, String file) throws BadFileException {
        try {
            return new ModelSpec(
                    Kind.parse(field(meta, "model")),
                    ints(field(meta, "input")),
                    ints(field(meta, "hidden")),
                    Integer.parseInt(field(meta, "classes")),
                    Activation.parse(field(meta, "activation")),
                    field(meta, "init"),
                    Double.parseDouble(field(meta, "dropout")),
                    Boolean.parseBoolean(field(meta, "batch_norm")),
                    Double.parseDouble(field(meta, "weight_decay")));
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file, "__metadata__ does not describe a bricknet model: " + e.getMessage());
        }
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

    static int[] ints(String text) {
        return Arrays.stream(text.split(","))
                .mapToInt(v -> Integer.parseInt(v.trim()))
                .toArray();
    }

    private static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", kind, sizesText());
    }
}

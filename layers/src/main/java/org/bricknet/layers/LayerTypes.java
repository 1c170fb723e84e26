package org.bricknet.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.io.BrickType;
import org.bricknet.core.io.BrickTypeProvider;
import org.bricknet.core.io.Settings;

/**
 * Every brick of this module as a {@link BrickType} an architecture file can name, found by
 * {@link java.util.ServiceLoader}. Settings by type ({@code *} required, else the default):
 *
 * <ul>
 *   <li>{@code Affine}: {@code out*}, {@code init} ("he"; "xavier" or a standard deviation);
 *   <li>{@code Convolution}: {@code filters*}, {@code kernel*} ([height, width]), {@code stride} (1),
 *       {@code pad} (0), {@code init} ("he");
 *   <li>{@code MaxPooling}, {@code AvgPooling}: {@code window*} ([height, width]), {@code stride*},
 *       {@code pad} (0);
 *   <li>{@code BatchNormalization}: {@code momentum} (0.9, the book's: the weight of the old
 *       running value), {@code eps} (1e-6), {@code unbiased} (false), {@code initial_variance} (1),
 *       {@code axes} ({@code per-channel} or {@code per-feature});
 *   <li>{@code Dropout}: {@code ratio} (0.5), {@code form} ({@code inverted} or {@code book}); {@code LeakyRelu}: {@code slope} (0.01);
 *       {@code Split}: {@code sizes*};
 *   <li>none: {@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code Softmax}, {@code Flatten},
 *       {@code Add}, {@code Concat}, {@code Multiply}, {@code MulLayer}, {@code AddLayer}.
 * </ul>
 *
 * Sizes that follow from the input (Affine's {@code in}, the channels of a convolution, the
 * features of a batch normalization) are not settings: the graph gives them. A {@code Dropout} made
 * here draws from a generator of seed 0 until its graph is reseeded, as
 * {@link org.bricknet.core.io.Architecture#build} and a trainer's every epoch do.
 */
public final class LayerTypes implements BrickTypeProvider {
    private static final int WIDE = 1 << 20;

    @Override
    public List<BrickType<?>> brickTypes() {
        return List.of(
                affine(),
                convolution(),
                batchNormalization(),
                maxPooling(),
                avgPooling(),
                BrickType.of("Dropout", Dropout.class)
                        .number("ratio", 0, 1, 0.5)
                        .text("form", "inverted", LayerTypes::dropoutForm)
                        .create(s -> new Dropout(s.number("ratio"), new Random(0), dropoutForm(s.text("form"))))
                        .describe(d -> settings(
                                "ratio", d.ratio(), "form", d.form() == Dropout.Form.BOOK ? "book" : "inverted"))
                        .build(),
                BrickType.of("LeakyRelu", LeakyRelu.class)
                        .number("slope", 0, Double.MAX_VALUE, 0.01)
                        .create(s -> new LeakyRelu(s.number("slope")))
                        .describe(l -> Map.of("slope", l.slope()))
                        .build(),
                BrickType.of("Split", Split.class)
                        .integers("sizes", 1, 1 << 24)
                        .create(s -> new Split(s.integers("sizes")))
                        .describe(p -> Map.of("sizes", p.sizes()))
                        .build(),
                plain("Relu", Relu.class, Relu::new),
                plain("Sigmoid", Sigmoid.class, Sigmoid::new),
                plain("Tanh", Tanh.class, Tanh::new),
                plain("Softmax", Softmax.class, Softmax::new),
                plain("Flatten", Flatten.class, Flatten::new),
                plain("Add", Add.class, Add::new),
                plain("Concat", Concat.class, Concat::new),
                plain("Multiply", Multiply.class, Multiply::new),
                plain("MulLayer", MulLayer.class, MulLayer::new),
                plain("AddLayer", AddLayer.class, AddLayer::new));
    }

    private static BrickType<Affine> affine() {
        return BrickType.of("Affine", Affine.class)
                .integer("out", 1, WIDE)
                .text("init", "he", WeightInit::parse)
                .create(s -> new Affine(s.integer("out"), WeightInit.parse(s.text("init"))))
                .share((s, a) -> new Affine(a.weights().value(), a.bias().value()))
                .parameters((s, in) ->
                        shapes("W", new int[] {values(in[0]), s.integer("out")}, "b", new int[] {s.integer("out")}))
                .describe(a -> settings(
                        "out",
                        a.outputSize(),
                        "init",
                        a.init() == null ? null : a.init().toString()))
                .build();
    }

    private static BrickType<Convolution> convolution() {
        return BrickType.of("Convolution", Convolution.class)
                .integer("filters", 1, 1 << 16)
                .integers("kernel", 1, 1 << 12)
                .integer("stride", 1, 1 << 12, 1)
                .integer("pad", 0, 1 << 12, 0)
                .text("init", "he", WeightInit::parse)
                .create(s -> {
                    int[] k = window(s, "kernel");
                    return new Convolution(
                            s.integer("filters"),
                            k[0],
                            k[1],
                            s.integer("stride"),
                            s.integer("pad"),
                            WeightInit.parse(s.text("init")));
                })
                .share((s, c) ->
                        new Convolution(c.weights().value(), c.bias().value(), s.integer("stride"), s.integer("pad")))
                .parameters((s, in) -> {
                    if (in[0].length != 3) {
                        throw new IllegalArgumentException("Convolution expects examples of shape (C, H, W), got "
                                + org.bricknet.core.Tensor.shapeString(in[0]));
                    }
                    int[] k = window(s, "kernel");
                    int f = s.integer("filters");
                    return shapes("W", new int[] {f, in[0][0], k[0], k[1]}, "b", new int[] {f});
                })
                .describe(c -> settings(
                        "filters",
                        c.filters(),
                        "kernel",
                        new int[] {c.kernelHeight(), c.kernelWidth()},
                        "stride",
                        c.stride(),
                        "pad",
                        c.pad(),
                        "init",
                        c.init() == null ? null : c.init().toString()))
                .build();
    }

    private static BrickType<BatchNormalization> batchNormalization() {
        return BrickType.of("BatchNormalization", BatchNormalization.class)
                .number("momentum", 0, 1, 0.9)
                .number("eps", Double.MIN_VALUE, 1, 1e-6)
                .flag("unbiased", false)
                .number("initial_variance", 0, Double.MAX_VALUE, 1.0)
                .text("axes", "per-channel", LayerTypes::axes)
                .create(s -> batchNorm(s).build())
                .share((s, b) -> batchNorm(s)
                        .gamma(b.parameters().get(0).value())
                        .beta(b.parameters().get(1).value())
                        .build())
                .parameters((s, in) -> features(s, in, "gamma", "beta"))
                .buffers((s, in) -> features(s, in, "running_mean", "running_var"))
                .describe(b -> settings(
                        "momentum",
                        b.momentum(),
                        "eps",
                        b.eps(),
                        "unbiased",
                        b.unbiasedRunningVariance(),
                        "initial_variance",
                        b.initialRunningVariance(),
                        "axes",
                        b.axes() == BatchNormalization.Axes.PER_FEATURE ? "per-feature" : "per-channel"))
                .build();
    }

    private static BatchNormalizationBuilder batchNorm(Settings s) {
        return BatchNormalization.builder()
                .momentum(s.number("momentum"))
                .eps(s.number("eps"))
                .unbiasedRunningVariance(s.flag("unbiased"))
                .initialRunningVariance(s.number("initial_variance"))
                .axes(axes(s.text("axes")));
    }

    private static BatchNormalization.Axes axes(String text) {
        return switch (text) {
            case "per-channel" -> BatchNormalization.Axes.PER_CHANNEL;
            case "per-feature" -> BatchNormalization.Axes.PER_FEATURE;
            default -> throw new IllegalArgumentException("expected per-channel or per-feature, got '" + text + "'");
        };
    }

    private static Dropout.Form dropoutForm(String text) {
        return switch (text) {
            case "inverted" -> Dropout.Form.INVERTED;
            case "book" -> Dropout.Form.BOOK;
            default -> throw new IllegalArgumentException("expected inverted or book, got '" + text + "'");
        };
    }

    private static BrickType<MaxPooling> maxPooling() {
        return BrickType.of("MaxPooling", MaxPooling.class)
                .integers("window", 1, 1 << 12)
                .integer("stride", 1, 1 << 12)
                .integer("pad", 0, 1 << 12, 0)
                .create(s -> {
                    int[] w = window(s, "window");
                    return new MaxPooling(w[0], w[1], s.integer("stride"), s.integer("pad"));
                })
                .describe(p -> pool(p.windowHeight(), p.windowWidth(), p.stride(), p.pad()))
                .build();
    }

    private static BrickType<AvgPooling> avgPooling() {
        return BrickType.of("AvgPooling", AvgPooling.class)
                .integers("window", 1, 1 << 12)
                .integer("stride", 1, 1 << 12)
                .integer("pad", 0, 1 << 12, 0)
                .create(s -> {
                    int[] w = window(s, "window");
                    return new AvgPooling(w[0], w[1], s.integer("stride"), s.integer("pad"));
                })
                .describe(p -> pool(p.windowHeight(), p.windowWidth(), p.stride(), p.pad()))
                .build();
    }

    private static Map<String, Object> pool(int h, int w, int stride, int pad) {
        return settings("window", new int[] {h, w}, "stride", stride, "pad", pad);
    }

    private static <B extends org.bricknet.core.Brick> BrickType<B> plain(
            String name, Class<B> cls, java.util.function.Supplier<B> make) {
        return BrickType.of(name, cls).create(s -> make.get()).build();
    }

    /** A [height, width] setting. */
    private static int[] window(Settings s, String name) {
        int[] w = s.integers(name);
        if (w.length != 2) {
            throw new IllegalArgumentException(
                    "setting '" + name + "': expected [height, width], got " + java.util.Arrays.toString(w));
        }
        return w;
    }

    private static Map<String, int[]> features(Settings s, int[][] in, String a, String b) {
        if (in[0].length == 0) {
            throw new IllegalArgumentException("BatchNormalization expects examples of shape (F) or (F, H, W), got ()");
        }
        int f = axes(s.text("axes")) == BatchNormalization.Axes.PER_FEATURE ? values(in[0]) : in[0][0];
        return shapes(a, new int[] {f}, b, new int[] {f});
    }

    private static int values(int[] example) {
        int n = 1;
        for (int d : example) {
            n *= d;
        }
        return n;
    }

    private static Map<String, int[]> shapes(String a, int[] sa, String b, int[] sb) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(a, sa);
        m.put(b, sb);
        return m;
    }

    /** Settings in order; a null value stands for the default. */
    private static Map<String, Object> settings(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}

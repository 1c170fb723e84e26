package org.bricknet.core.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bricknet.core.Brick;
import org.bricknet.core.LossLayer;

/**
 * A kind of brick an architecture file can name ({@code "type": "Affine"}): its settings, how a brick
 * is made from them, and, for the writer, how they are read back from a brick. Bricks are made
 * without their input sizes (a graph gives those), so that one architecture fits any input.
 *
 * <pre>{@code
 * BrickType<Swish> swish = BrickType.of("Swish", Swish.class).create(s -> new Swish()).build();
 * BrickRegistry.register(swish);
 * }</pre>
 *
 * A type with parameters declares their shapes for given input shapes ({@link Builder#parameters}),
 * so that what an architecture will allocate is known, and checked against a model file's tensors,
 * before anything is built; and how a brick is made over another one's parameters
 * ({@link Builder#share}), for shared weights.
 */
public final class BrickType<B extends Brick> {
    /** The kinds of setting. */
    public enum Kind {
        INTEGER("a whole number"),
        NUMBER("a number"),
        TEXT("a string"),
        INTEGERS("a list of whole numbers"),
        FLAG("true or false");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /** A declared setting: its kind, default (null when required) and, for numbers, range (inclusive). */
    public record Setting(String name, Kind kind, Object defaultValue, double min, double max, Consumer<String> check) {
        public boolean required() {
            return defaultValue == null;
        }
    }

    /** The longest list an {@link Kind#INTEGERS} setting may hold. */
    public static final int MAX_LIST = 1024;

    private final String name;
    private final Class<B> brickClass;
    private final List<Setting> settings;
    private final Function<Settings, B> create;
    private final BiFunction<Settings, B, B> share;
    private final BiFunction<Settings, int[][], Map<String, int[]>> parameters;
    private final BiFunction<Settings, int[][], Map<String, int[]>> buffers;
    private final Function<B, Map<String, Object>> describe;

    private BrickType(Builder<B> b) {
        this.name = b.name;
        this.brickClass = b.brickClass;
        this.settings = List.copyOf(b.settings);
        this.create = Objects.requireNonNull(b.create, "BrickType " + b.name + ": create(...) was not given");
        this.share = b.share;
        this.parameters = b.parameters;
        this.buffers = b.buffers;
        this.describe = b.describe;
    }

    /** Starts declaring the type {@code name}, whose bricks are of class {@code brickClass}. */
    public static <B extends Brick> Builder<B> of(String name, Class<B> brickClass) {
        return new Builder<>(name, brickClass);
    }

    public String name() {
        return name;
    }

    public Class<B> brickClass() {
        return brickClass;
    }

    public List<Setting> settings() {
        return settings;
    }

    /** Whether its bricks are losses (they go in an architecture's {@code losses}). */
    public boolean isLoss() {
        return LossLayer.class.isAssignableFrom(brickClass);
    }

    /** A new brick of these settings, its input sizes left to the graph that holds it. */
    public B create(Settings s) {
        return create.apply(s);
    }

    /** Whether a brick of this type can be made over another one's parameters. */
    public boolean canShare() {
        return share != null;
    }

    /** A new brick of these settings over the parameters of {@code source}, a brick of this type. */
    public B share(Settings s, Brick source) {
        if (share == null) {
            throw new IllegalArgumentException(name + " cannot share another brick's parameters");
        }
        return share.apply(s, brickClass.cast(source));
    }

    /** The shapes of the parameters a brick of these settings creates for inputs of these example shapes. */
    public Map<String, int[]> parameterShapes(Settings s, int[][] inputShapes) {
        return parameters == null ? Map.of() : parameters.apply(s, inputShapes);
    }

    /** The shapes of its buffers (state saved with it but not trained), likewise. */
    public Map<String, int[]> bufferShapes(Settings s, int[][] inputShapes) {
        return buffers == null ? Map.of() : buffers.apply(s, inputShapes);
    }

    /** The settings of {@code brick}, a brick of this type, as an architecture file would give them. */
    public Settings settingsOf(Brick brick) {
        if (describe == null) {
            if (settings.stream().anyMatch(Setting::required)) {
                throw new IllegalArgumentException(name + " cannot say the settings of its bricks (no describe(...))");
            }
            return settings(Map.of());
        }
        Map<String, Object> given = new LinkedHashMap<>(describe.apply(brickClass.cast(brick)));
        given.values().removeIf(Objects::isNull);
        return settings(given);
    }

    /**
     * Checks {@code given} against the declared settings and fills in the defaults: an unknown
     * setting, a missing one, a value of the wrong kind or out of range is an
     * {@link IllegalArgumentException} naming the setting. Values may be any {@code Number},
     * {@code String}, {@code Boolean}, {@code int[]} or list of whole numbers.
     */
    public Settings settings(Map<String, ?> given) {
        for (String key : given.keySet()) {
            if (settings.stream().noneMatch(s -> s.name().equals(key))) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; " + name + " takes "
                        + (settings.isEmpty()
                                ? "no settings"
                                : settings.stream().map(Setting::name).toList()));
            }
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (Setting s : settings) {
            Object v = given.get(s.name());
            if (v == null && s.required()) {
                throw new IllegalArgumentException("missing setting '" + s.name() + "' (" + s.kind() + ")");
            }
            values.put(s.name(), v == null ? s.defaultValue() : value(s, v));
        }
        return new Settings(name, values);
    }

    private static Object value(Setting s, Object v) {
        String where = "setting '" + s.name() + "': expected " + s.kind() + range(s) + ", got " + shown(v);
        switch (s.kind()) {
            case INTEGER -> {
                long n = whole(v, where);
                if (n < s.min() || n > s.max()) {
                    throw new IllegalArgumentException(where);
                }
                return (int) n;
            }
            case NUMBER -> {
                if (!(v instanceof Number n)
                        || !Double.isFinite(n.doubleValue())
                        || n.doubleValue() < s.min()
                        || n.doubleValue() > s.max()) {
                    throw new IllegalArgumentException(where);
                }
                return n.doubleValue();
            }
            case TEXT -> {
                if (!(v instanceof String t)) {
                    throw new IllegalArgumentException(where);
                }
                if (s.check() != null) {
                    try {
                        s.check().accept(t);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("setting '" + s.name() + "': " + e.getMessage(), e);
                    }
                }
                return t;
            }
            case FLAG -> {
                if (!(v instanceof Boolean f)) {
                    throw new IllegalArgumentException(where);
                }
                return f;
            }
            default -> {
                List<?> list =
                        v instanceof int[] a ? Arrays.stream(a).boxed().toList() : v instanceof List<?> l ? l : null;
                if (list == null || list.isEmpty() || list.size() > MAX_LIST) {
                    throw new IllegalArgumentException(where + (list == null ? "" : " (1 to " + MAX_LIST + " values)"));
                }
                int[] out = new int[list.size()];
                for (int i = 0; i < out.length; i++) {
                    long n = whole(list.get(i), where);
                    if (n < s.min() || n > s.max()) {
                        throw new IllegalArgumentException(where);
                    }
                    out[i] = (int) n;
                }
                return out;
            }
        }
    }

    private static long whole(Object v, String where) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException(where);
    }

    private static String range(Setting s) {
        if (s.kind() != Kind.INTEGER && s.kind() != Kind.NUMBER && s.kind() != Kind.INTEGERS) {
            return "";
        }
        return " in [" + number(s.min()) + ", " + number(s.max()) + "]";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String shown(Object v) {
        return v instanceof String t ? "\"" + t + "\"" : v instanceof int[] a ? Arrays.toString(a) : String.valueOf(v);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Declares a {@link BrickType}; every method but {@link #create} is optional. */
    public static final class Builder<B extends Brick> {
        private final String name;
        private final Class<B> brickClass;
        private final List<Setting> settings = new ArrayList<>();
        private Function<Settings, B> create;
        private BiFunction<Settings, B, B> share;
        private BiFunction<Settings, int[][], Map<String, int[]>> parameters;
        private BiFunction<Settings, int[][], Map<String, int[]>> buffers;
        private Function<B, Map<String, Object>> describe;

        private Builder(String name, Class<B> brickClass) {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(
                        "BrickType: expected a name of letters, digits and '_' starting with a letter, got '" + name
                                + "'");
            }
            this.name = name;
            this.brickClass = Objects.requireNonNull(brickClass, "BrickType " + name + ": expected a class, got null");
        }

        /** A required whole-number setting in [min, max]. */
        public Builder<B> integer(String setting, int min, int max) {
            return add(new Setting(setting, Kind.INTEGER, null, min, max, null));
        }

        /** A whole-number setting in [min, max] with a default. */
        public Builder<B> integer(String setting, int min, int max, int defaultValue) {
            return add(new Setting(setting, Kind.INTEGER, defaultValue, min, max, null));
        }

        /** A required number setting in [min, max]. */
        public Builder<B> number(String setting, double min, double max) {
            return add(new Setting(setting, Kind.NUMBER, null, min, max, null));
        }

        /** A number setting in [min, max] with a default. */
        public Builder<B> number(String setting, double min, double max, double defaultValue) {
            return add(new Setting(setting, Kind.NUMBER, defaultValue, min, max, null));
        }

        /** A text setting with a default; {@code check} throws an IllegalArgumentException for a bad one. */
        public Builder<B> text(String setting, String defaultValue, Consumer<String> check) {
            return add(new Setting(setting, Kind.TEXT, defaultValue, 0, 0, check));
        }

        /** A required list of whole numbers, each in [min, max]. */
        public Builder<B> integers(String setting, int min, int max) {
            return add(new Setting(setting, Kind.INTEGERS, null, min, max, null));
        }

        /** A true/false setting with a default. */
        public Builder<B> flag(String setting, boolean defaultValue) {
            return add(new Setting(setting, Kind.FLAG, defaultValue, 0, 0, null));
        }

        /** How a brick is made from its settings (without its input sizes). */
        public Builder<B> create(Function<Settings, B> create) {
            this.create = create;
            return this;
        }

        /** How a brick is made from its settings over the parameters of {@code source}, for shared weights. */
        public Builder<B> share(BiFunction<Settings, B, B> share) {
            this.share = share;
            return this;
        }

        /** The parameters' shapes by local name ({@code W}, {@code b}) for inputs of given example shapes. */
        public Builder<B> parameters(BiFunction<Settings, int[][], Map<String, int[]>> shapes) {
            this.parameters = shapes;
            return this;
        }

        /** The buffers' shapes by local name ({@code running_mean}) for inputs of given example shapes. */
        public Builder<B> buffers(BiFunction<Settings, int[][], Map<String, int[]>> shapes) {
            this.buffers = shapes;
            return this;
        }

        /** A brick's settings by name, for the writer (a null value stands for the default). */
        public Builder<B> describe(Function<B, Map<String, Object>> describe) {
            this.describe = describe;
            return this;
        }

        public BrickType<B> build() {
            return new BrickType<>(this);
        }

        private Builder<B> add(Setting s) {
            if (s.name() == null || !s.name().matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT, "BrickType %s: expected a setting name in snake_case, got '%s'", name, s.name()));
            }
            if (settings.stream().anyMatch(x -> x.name().equals(s.name()))) {
                throw new IllegalArgumentException("BrickType " + name + ": setting '" + s.name() + "' declared twice");
            }
            settings.add(s);
            return this;
        }
    }
}

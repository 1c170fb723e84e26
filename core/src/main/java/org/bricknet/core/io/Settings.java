package org.bricknet.core.io;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one brick, checked against its {@link BrickType}: every setting the type declares
 * is here (as given, or its default), of its kind and in its range. Values are {@code Integer}
 * ({@link BrickType.Kind#INTEGER}), {@code Double} ({@code NUMBER}), {@code String} ({@code TEXT}),
 * {@code int[]} ({@code INTEGERS}) or {@code Boolean} ({@code FLAG}); the typed getters read them.
 */
public final class Settings {
    private final String type;
    private final Map<String, Object> values;

    Settings(String type, LinkedHashMap<String, Object> values) {
        this.type = type;
        this.values = Collections.unmodifiableMap(values);
    }

    /** The name of the brick type these settings are for. */
    public String type() {
        return type;
    }

    /** Every setting by name, in the order the type declares them. */
    public Map<String, Object> values() {
        return values;
    }

    public int integer(String name) {
        return (Integer) get(name, Integer.class);
    }

    public double number(String name) {
        return (Double) get(name, Double.class);
    }

    public String text(String name) {
        return (String) get(name, String.class);
    }

    /** A list of whole numbers (a copy). */
    public int[] integers(String name) {
        return ((int[]) get(name, int[].class)).clone();
    }

    public boolean flag(String name) {
        return (Boolean) get(name, Boolean.class);
    }

    private Object get(String name, Class<?> kind) {
        Object v = values.get(name);
        if (!kind.isInstance(v)) {
            throw new IllegalArgumentException(type + " has no " + kind.getSimpleName() + " setting '" + name
                    + "'; its settings are " + values.keySet());
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Settings other)
                || !type.equals(other.type)
                || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        return values.entrySet().stream().allMatch(e -> same(e.getValue(), other.values.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, values.keySet());
    }

    private static boolean same(Object a, Object b) {
        return a instanceof int[] x && b instanceof int[] y ? Arrays.equals(x, y) : Objects.equals(a, b);
    }

    /** {@code out 50, init he}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(k)
                .append(' ')
                .append(v instanceof int[] a ? Arrays.toString(a) : v));
        return sb.toString();
    }
}

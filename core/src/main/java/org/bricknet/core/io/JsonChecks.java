package org.bricknet.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.bricknet.core.Names;

/**
 * The JSON checks {@link ArchitectureReader} is made of: an object's known fields, lists, names,
 * shapes and setting values, each refused with an {@link IllegalArgumentException} that says what
 * was expected and what came (long values cut short).
 */
final class JsonChecks {
    static final int MAX_NAME = 200;
    static final int MAX_LIST = 100_000;

    private JsonChecks() {}

    /** The name of an object in a list (a node, a block, an input, a loss), read first to name it in messages. */
    static String named(JsonNode n, String what) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(
                    "expected " + what + " (an object), got " + (n == null ? "nothing" : new Shown(n.toString())));
        }
        JsonNode name = n.get("name");
        if (name == null || name.isNull()) {
            throw new IllegalArgumentException(what + " " + new Shown(n.toString()) + ": missing field 'name'");
        }
        return name(name, what + " " + new Shown(n.toString()) + ", field 'name'");
    }

    /** A JSON value as a Java value of its own kind: Long, Double, String, Boolean, List; else the node. */
    static Object value(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : new Shown(v.toString());
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray() && v.size() <= BrickType.MAX_LIST) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(value(x)));
            return out;
        }
        return new Shown(v.toString());
    }

    /** A value no setting takes, shown as its JSON text. */
    record Shown(String json) {
        @Override
        public String toString() {
            return json.length() > 60 ? json.substring(0, 60) + "…" : json;
        }
    }

    static int[] shape(JsonNode node) {
        String who = "field 'shape'";
        if (!node.isArray() || node.isEmpty() || node.size() > 8) {
            throw new IllegalArgumentException(
                    who + ": expected 1 to 8 sizes, such as [784] or [1, 28, 28], got " + new Shown(node.toString()));
        }
        int[] s = new int[node.size()];
        long values = 1;
        for (int i = 0; i < s.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 1) {
                throw new IllegalArgumentException(who + ": expected positive whole sizes, got " + node);
            }
            s[i] = d.intValue();
            values *= s[i];
            if (values > Architecture.MAX_EXAMPLE_VALUES) {
                throw new IllegalArgumentException(who + ": " + node + " is more than "
                        + Architecture.MAX_EXAMPLE_VALUES + " values per example (the limit)");
            }
        }
        return s;
    }

    static List<JsonNode> list(JsonNode node, String who, boolean nonEmpty) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray() || (nonEmpty && node.isEmpty())) {
            throw new IllegalArgumentException(
                    who + ": expected a" + (nonEmpty ? " non-empty" : "") + " list, got " + new Shown(node.toString()));
        }
        if (node.size() > MAX_LIST) {
            throw new IllegalArgumentException(who + ": " + node.size() + " entries, more than " + MAX_LIST);
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    static List<String> names(JsonNode node, String who, boolean nonEmpty) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list(node, who, nonEmpty)) {
            out.add(name(n, who));
        }
        return out;
    }

    static String name(JsonNode n, String who) {
        if (!n.isTextual() || n.textValue().isBlank() || n.textValue().length() > MAX_NAME) {
            throw new IllegalArgumentException(
                    who + ": expected a name (1 to " + MAX_NAME + " characters), got " + new Shown(n.toString()));
        }
        return n.textValue();
    }

    /** An object's fields: only the known ones, each at most once (the parser refuses duplicates). */
    static final class Fields {
        private final JsonNode node;

        Fields(JsonNode node, String what, String... known) {
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("expected " + what + " (an object), got "
                        + (node == null ? "nothing" : new Shown(node.toString())));
            }
            this.node = node;
            Set<String> allowed = Set.of(known);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw new IllegalArgumentException("unknown field '" + f + "'" + Names.suggestion(f, allowed) + "; "
                            + what + " has the fields " + String.join(", ", known));
                }
            }
        }

        JsonNode optional(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v;
        }

        JsonNode required(String field) {
            JsonNode v = optional(field);
            if (v == null) {
                throw new IllegalArgumentException("missing field '" + field + "'");
            }
            return v;
        }
    }
}

package org.bricknet.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.Parameter;
import org.bricknet.core.io.Architecture.Block;
import org.bricknet.core.io.Architecture.Input;
import org.bricknet.core.io.Architecture.Loss;
import org.bricknet.core.io.Architecture.Node;

/**
 * A graph of registered bricks to its {@link Architecture}, and an architecture to JSON text. Nodes
 * are written in the order they run, every setting written out (so that a model file does not
 * depend on defaults); a nested graph becomes a block, defined once for every node that uses an
 * identical one; a node holding all the parameters of an earlier one of its graph {@code shares} it.
 */
final class ArchitectureWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrickRegistry registry;
    private final Map<String, Block> blocks = new LinkedHashMap<>();

    private ArchitectureWriter(BrickRegistry registry) {
        this.registry = registry;
    }

    static Architecture describe(Graph g, BrickRegistry registry) {
        ArchitectureWriter w = new ArchitectureWriter(registry);
        List<Input> inputs = new ArrayList<>();
        for (String in : g.inputNames()) {
            int[] shape = g.exampleShape(in);
            if (shape == null) {
                throw new IllegalArgumentException("Architecture: input '" + in + "' has no example shape, which an"
                        + " architecture needs; declare it, e.g. input(\"" + in + "\", 784)");
            }
            inputs.add(new Input(in, shape));
        }
        List<Node> nodes = w.nodes(g, "");
        List<Loss> losses = new ArrayList<>();
        g.losses().forEach((name, loss) -> {
            BrickType<?> t = w.type(loss, "loss '" + name + "'");
            List<String> in = g.inputsOf(name);
            losses.add(new Loss(name, t, t.settingsOf(loss), in.get(0), in.get(1), g.lossWeight(name)));
        });
        Block top = new Block(null, inputs, nodes, g.outputNames());
        return new Architecture(top, new ArrayList<>(w.blocks.values()), losses, null);
    }

    private List<Node> nodes(Graph g, String in) {
        List<Node> nodes = new ArrayList<>();
        Map<Object, String> owner = new IdentityHashMap<>();
        Map<String, Node> byName = new LinkedHashMap<>();
        for (Map.Entry<String, Brick> e : g.nodes().entrySet()) {
            String name = e.getKey();
            Brick brick = e.getValue();
            List<String> takes = g.inputsOf(name);
            String where = in + "node '" + name + "'";
            String shares = sharedWith(g, name, brick, owner, where);
            Node node;
            if (shares != null) {
                Node source = byName.get(shares);
                requireSameAs(source, brick, g.nodes().get(shares), where);
                node = new Node(name, null, null, null, shares, takes);
            } else if (brick instanceof Graph inner) {
                node = new Node(name, null, null, block(inner, name, where), null, takes);
            } else {
                BrickType<?> t = type(brick, where);
                node = new Node(name, t, t.settingsOf(brick), null, null, takes);
            }
            nodes.add(node);
            byName.put(name, node);
        }
        return nodes;
    }

    /** The earlier node whose parameters {@code brick} holds, all of them, or null when it holds its own. */
    private static String sharedWith(Graph g, String name, Brick brick, Map<Object, String> owner, String where) {
        List<Parameter> ps = brick instanceof Graph inner
                ? List.copyOf(inner.namedParameters().values())
                : brick.parameters();
        if (ps.isEmpty()) {
            return null;
        }
        List<String> owners =
                ps.stream().map(p -> owner.get(p.value())).distinct().toList();
        if (owners.size() == 1 && owners.get(0) == null) {
            ps.forEach(p -> owner.put(p.value(), name));
            return null;
        }
        if (owners.size() == 1 && ps.size() == paramCount(g.nodes().get(owners.get(0)))) {
            return owners.get(0);
        }
        throw new IllegalArgumentException("Architecture: " + where + " holds some parameters of "
                + owners.stream().filter(o -> o != null).toList() + " but not exactly all of one node's; an"
                + " architecture can only say that a node shares every parameter of another node of its graph");
    }

    private static int paramCount(Brick b) {
        return b instanceof Graph g
                ? g.namedParameters().size()
                : b.parameters().size();
    }

    /** A node that shares must be the same kind of brick, with the same settings, as the one it shares. */
    private void requireSameAs(Node source, Brick brick, Brick sourceBrick, String where) {
        boolean same;
        if (source.block() != null || source.shares() != null) {
            same = brick instanceof Graph g && sourceBrick instanceof Graph s && shape(g).equals(shape(s));
        } else {
            same = brick.getClass() == sourceBrick.getClass()
                    && source.settings().equals(type(brick, where).settingsOf(brick));
        }
        if (!same) {
            throw new IllegalArgumentException("Architecture: " + where + " shares the parameters of '" + source.name()
                    + "' but is not the same brick with the same settings; an architecture cannot say this");
        }
    }

    /** The block of a nested graph: an identical one already defined, or a new one named after {@code node}. */
    private String block(Graph inner, String node, String where) {
        List<Input> inputs = new ArrayList<>();
        for (String in : inner.inputNames()) {
            inputs.add(new Input(in, inner.exampleShape(in)));
        }
        if (!inner.losses().isEmpty()) {
            throw new IllegalArgumentException("Architecture: " + where + " is a graph with losses");
        }
        Block candidate = new Block(node, inputs, nodes(inner, "block of " + where + ", "), inner.outputNames());
        for (Block b : blocks.values()) {
            if (sameBlock(b, candidate)) {
                return b.name();
            }
        }
        String name = node;
        for (int i = 2; blocks.containsKey(name); i++) {
            name = node + "_" + i;
        }
        blocks.put(name, new Block(name, inputs, candidate.nodes(), candidate.outputs()));
        return name;
    }

    /** A nested graph's block as text, its parameters ignored (a fresh writer: no sharing across them). */
    private String shape(Graph g) {
        ArchitectureWriter fresh = new ArchitectureWriter(registry);
        String name = fresh.block(g, "block", "a nested graph");
        return blockJson(fresh.blocks.get(name), false)
                + fresh.blocks.values().stream().map(b -> blockJson(b, true)).toList();
    }

    private static boolean sameBlock(Block a, Block b) {
        return blockJson(a, false).equals(blockJson(b, false));
    }

    private BrickType<?> type(Brick brick, String where) {
        return registry.typeOf(brick)
                .orElseThrow(() -> new IllegalArgumentException("Architecture: " + where + " is a "
                        + brick.typeName() + ", which no registered brick type makes; register one with"
                        + " BrickRegistry.register(BrickType.of(\"" + brick.typeName() + "\", "
                        + brick.getClass().getSimpleName() + ".class)...build())"));
    }

    // ---- JSON ----

    static String json(Architecture a) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"format\": ").append(text(Architecture.FORMAT)).append(",\n");
        sb.append("  \"inputs\": ").append(compact(inputs(a.graph.inputs()))).append(",\n");
        if (!a.blocks.isEmpty()) {
            sb.append("  \"blocks\": [\n");
            for (int i = 0; i < a.blocks.size(); i++) {
                Block b = a.blocks.get(i);
                sb.append("    {\n      \"name\": ").append(text(b.name())).append(",\n");
                sb.append("      \"inputs\": ")
                        .append(compact(inputs(b.inputs())))
                        .append(",\n");
                nodeLines(sb, b.nodes(), "      ");
                sb.append(",\n      \"outputs\": ").append(compact(strings(b.outputs())));
                sb.append("\n    }").append(i + 1 < a.blocks.size() ? "," : "").append('\n');
            }
            sb.append("  ],\n");
        }
        nodeLines(sb, a.graph.nodes(), "  ");
        sb.append(",\n  \"outputs\": ").append(compact(strings(a.graph.outputs())));
        if (!a.losses.isEmpty()) {
            ArrayNode losses = JSON.createArrayNode();
            for (Loss l : a.losses) {
                ObjectNode o = losses.addObject()
                        .put("name", l.name())
                        .put("type", l.type().name());
                if (!l.settings().values().isEmpty()) {
                    o.set("settings", settings(l.settings()));
                }
                o.put("scores", l.scores()).put("target", l.target()).set("weight", value(l.weight()));
            }
            sb.append(",\n  \"losses\": ").append(compact(losses));
        }
        a.training().ifPresent(t -> {
            ObjectNode o = JSON.createObjectNode();
            putIf(o, "epochs", t.epochs());
            putIf(o, "batch_size", t.batchSize());
            putIf(o, "optimizer", t.optimizer());
            putIf(o, "learning_rate", t.learningRate());
            putIf(o, "weight_decay", t.weightDecay());
            putIf(o, "schedule", t.schedule());
            sb.append(",\n  \"training\": ").append(compact(o));
        });
        return sb.append("\n}\n").toString();
    }

    private static void nodeLines(StringBuilder sb, List<Node> nodes, String indent) {
        sb.append(indent).append("\"nodes\": [\n");
        for (int i = 0; i < nodes.size(); i++) {
            sb.append(indent).append("  ").append(compact(node(nodes.get(i))));
            sb.append(i + 1 < nodes.size() ? ",\n" : "\n");
        }
        sb.append(indent).append(']');
    }

    private static ObjectNode node(Node n) {
        ObjectNode o = JSON.createObjectNode().put("name", n.name());
        if (n.type() != null) {
            o.put("type", n.type().name());
            if (!n.settings().values().isEmpty()) {
                o.set("settings", settings(n.settings()));
            }
        } else if (n.block() != null) {
            o.put("block", n.block());
        } else {
            o.put("shares", n.shares());
        }
        o.set("takes", strings(n.takes()));
        return o;
    }

    private static ObjectNode settings(Settings s) {
        ObjectNode o = JSON.createObjectNode();
        s.values().forEach((k, v) -> {
            if (v instanceof int[] list) {
                ArrayNode a = o.putArray(k);
                for (int x : list) {
                    a.add(x);
                }
            } else {
                o.set(k, value(v));
            }
        });
        return o;
    }

    private static ArrayNode inputs(List<Input> inputs) {
        ArrayNode a = JSON.createArrayNode();
        for (Input i : inputs) {
            ObjectNode o = a.addObject().put("name", i.name());
            if (i.shape() != null) {
                ArrayNode s = o.putArray("shape");
                for (int d : i.shape()) {
                    s.add(d);
                }
            }
        }
        return a;
    }

    private static String blockJson(Block b, boolean withName) {
        StringBuilder sb = new StringBuilder(withName ? b.name() : "");
        sb.append(compact(inputs(b.inputs())));
        b.nodes().forEach(n -> sb.append(compact(node(n))));
        return sb.append(compact(strings(b.outputs()))).toString();
    }

    private static ArrayNode strings(List<String> names) {
        ArrayNode a = JSON.createArrayNode();
        names.forEach(a::add);
        return a;
    }

    private static void putIf(ObjectNode o, String key, Object v) {
        if (v != null) {
            o.set(key, value(v));
        }
    }

    /** A value as JSON; a number between 0.0001 and 10^7 without an exponent ({@code 0.0003}, not {@code 3.0E-4}). */
    private static com.fasterxml.jackson.databind.JsonNode value(Object v) {
        if (v instanceof Double d && d != Math.rint(d) && Math.abs(d) >= 1e-4 && Math.abs(d) < 1e7) {
            return JSON.getNodeFactory().numberNode(new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros());
        }
        return JSON.valueToTree(v);
    }

    private static String text(String s) {
        return compact(JSON.getNodeFactory().textNode(s));
    }

    /** One line, with a space after each colon and comma. */
    private static String compact(Object node) {
        try {
            return JSON.writer(new Spaced()).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Architecture: cannot write JSON", e);
        }
    }

    private static final class Spaced extends MinimalPrettyPrinter {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }
}

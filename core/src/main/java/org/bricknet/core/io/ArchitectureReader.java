package org.bricknet.core.io;

import static org.bricknet.core.io.JsonChecks.list;
import static org.bricknet.core.io.JsonChecks.name;
import static org.bricknet.core.io.JsonChecks.named;
import static org.bricknet.core.io.JsonChecks.names;
import static org.bricknet.core.io.JsonChecks.shape;
import static org.bricknet.core.io.JsonChecks.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.io.Architecture.Block;
import org.bricknet.core.io.Architecture.Input;
import org.bricknet.core.io.Architecture.Loss;
import org.bricknet.core.io.Architecture.Node;
import org.bricknet.core.io.Architecture.Training;
import org.bricknet.core.io.JsonChecks.Fields;
import org.bricknet.core.io.JsonChecks.Shown;

/**
 * Architecture JSON to an {@link Architecture}, every field checked: an unknown field, a missing or
 * mistyped one, an unknown brick type, a bad setting, a block that is not defined or uses itself, a
 * limit exceeded. Each is one {@link BadFileException} naming the node (and block) and the field.
 * Wiring mistakes (a name nobody gives, a cycle) are left to the graph builder, whose messages say
 * them best.
 */
final class ArchitectureReader {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(32)
                            .maxStringLength(Architecture.MAX_TEXT)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String where;
    private final BrickRegistry registry;

    ArchitectureReader(String where, BrickRegistry registry) {
        this.where = where;
        this.registry = registry;
    }

    Architecture read(String text) throws BadFileException {
        if (text.length() > Architecture.MAX_TEXT) {
            throw bad(text.length() + " characters; an architecture is at most " + Architecture.MAX_TEXT);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new BadFileException(
                    where,
                    "not valid JSON" + at + ": "
                            + String.valueOf(e.getOriginalMessage()).replace('\n', ' '),
                    e);
        }
        try {
            return architecture(root);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private Architecture architecture(JsonNode root) {
        Fields f = new Fields(
                root, "an architecture", "format", "inputs", "blocks", "nodes", "outputs", "losses", "training");
        JsonNode format = f.optional("format");
        if (format != null && !Architecture.FORMAT.equals(format.textValue())) {
            throw new IllegalArgumentException(
                    "field 'format': expected \"" + Architecture.FORMAT + "\", got " + new Shown(format.toString()));
        }
        List<Input> inputs = inputs(f.required("inputs"), true);
        List<Block> blocks = new ArrayList<>();
        Map<String, Block> byName = new LinkedHashMap<>();
        for (JsonNode b : list(f.optional("blocks"), "field 'blocks'", false)) {
            Block block = block(b);
            if (byName.put(block.name(), block) != null) {
                throw new IllegalArgumentException("two blocks are named '" + block.name() + "'");
            }
            blocks.add(block);
        }
        List<Node> nodes = nodes(f.required("nodes"));
        List<String> outputs = names(f.optional("outputs"), "field 'outputs'", false);
        List<Loss> losses = new ArrayList<>();
        for (JsonNode l : list(f.optional("losses"), "field 'losses'", false)) {
            losses.add(loss(l));
        }
        if (outputs.isEmpty()) {
            outputs = losses.stream().map(Loss::scores).distinct().toList();
        }
        Block top = new Block(null, inputs, nodes, outputs);
        ArchitectureLimits.check(top, byName);
        return new Architecture(top, blocks, losses, training(f.optional("training")));
    }

    private Block block(JsonNode b) {
        String name = named(b, "block");
        return within("block '" + name + "'", () -> {
            Fields f = new Fields(b, "a block", "name", "inputs", "nodes", "outputs");
            return new Block(
                    name,
                    inputs(f.required("inputs"), false),
                    nodes(f.required("nodes")),
                    names(f.required("outputs"), "field 'outputs'", true));
        });
    }

    private List<Input> inputs(JsonNode node, boolean shapeRequired) {
        List<Input> inputs = new ArrayList<>();
        for (JsonNode i : list(node, "field 'inputs'", true)) {
            String name = named(i, "input");
            inputs.add(within("input '" + name + "'", () -> {
                Fields f = new Fields(i, "an input", "name", "shape");
                JsonNode shape = shapeRequired ? f.required("shape") : f.optional("shape");
                return new Input(name, shape == null ? null : shape(shape));
            }));
        }
        return inputs;
    }

    private List<Node> nodes(JsonNode node) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : list(node, "field 'nodes'", true)) {
            String name = named(n, "node");
            JsonNode type = n.get("type");
            String context =
                    "node '" + name + "'" + (type != null && type.isTextual() ? " (" + type.textValue() + ")" : "");
            nodes.add(within(context, () -> node(n, name)));
        }
        return nodes;
    }

    private Node node(JsonNode n, String name) {
        Fields f = new Fields(n, "a node", "name", "type", "settings", "block", "shares", "takes");
        JsonNode type = f.optional("type");
        JsonNode block = f.optional("block");
        JsonNode shares = f.optional("shares");
        int kinds = (type == null ? 0 : 1) + (block == null ? 0 : 1) + (shares == null ? 0 : 1);
        if (kinds != 1) {
            throw new IllegalArgumentException("expected exactly one of the fields 'type', 'block' and 'shares', got "
                    + (kinds == 0 ? "none" : "several"));
        }
        JsonNode settings = f.optional("settings");
        if (settings != null && type == null) {
            throw new IllegalArgumentException("field 'settings' goes with 'type' (a node that uses a block or shares"
                    + " a node has the settings of that one)");
        }
        List<String> takes = names(f.required("takes"), "field 'takes'", true);
        if (type == null) {
            return new Node(
                    name,
                    null,
                    null,
                    block == null ? null : name(block, "field 'block'"),
                    shares == null ? null : name(shares, "field 'shares'"),
                    takes);
        }
        BrickType<?> t = type(type);
        Settings s = settings(t, settings);
        t.create(s); // the brick's own checks of its settings, named here
        return new Node(name, t, s, null, null, takes);
    }

    private Loss loss(JsonNode l) {
        String name = named(l, "loss");
        return within("loss '" + name + "'", () -> {
            Fields f = new Fields(l, "a loss", "name", "type", "settings", "scores", "target", "weight");
            BrickType<?> t = type(f.required("type"));
            if (!t.isLoss()) {
                throw new IllegalArgumentException("field 'type': " + t.name() + " is not a loss; the losses are "
                        + String.join(
                                ", ",
                                registry.names().stream()
                                        .filter(n -> registry.type(n).isLoss())
                                        .toList()));
            }
            Settings s = settings(t, f.optional("settings"));
            t.create(s);
            String scores = name(f.required("scores"), "field 'scores'");
            JsonNode target = f.optional("target");
            JsonNode weight = f.optional("weight");
            if (weight != null
                    && (!weight.isNumber() || !(weight.doubleValue() > 0) || !Double.isFinite(weight.doubleValue()))) {
                throw new IllegalArgumentException(
                        "field 'weight': expected a finite number > 0, got " + new Shown(weight.toString()));
            }
            return new Loss(
                    name,
                    t,
                    s,
                    scores,
                    target == null ? "t" : name(target, "field 'target'"),
                    weight == null ? 1.0 : weight.doubleValue());
        });
    }

    private Training training(JsonNode t) {
        if (t == null) {
            return null;
        }
        return within("training", () -> {
            Fields f = new Fields(
                    t, "training", "epochs", "batch_size", "optimizer", "learning_rate", "weight_decay", "schedule");
            return new Training(
                    whole(f.optional("epochs"), "epochs", 1, 1_000_000),
                    whole(f.optional("batch_size"), "batch_size", 1, 1 << 24),
                    text(f.optional("optimizer"), "optimizer", "a name"),
                    positive(f.optional("learning_rate"), "learning_rate", false),
                    positive(f.optional("weight_decay"), "weight_decay", true),
                    text(f.optional("schedule"), "schedule", "a schedule such as \"step:30:0.1\""));
        });
    }

    /** Runs {@code read}, putting {@code context} ({@code node 'fc1'}) in front of what it refuses. */
    private static <T> T within(String context, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(context + ", " + e.getMessage(), e);
        }
    }

    /** A short, non-empty text; its meaning is the trainer's to check. */
    private static String text(JsonNode v, String field, String expected) {
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.textValue().isBlank() || v.textValue().length() > JsonChecks.MAX_NAME) {
            throw new IllegalArgumentException(
                    "field '" + field + "': expected " + expected + ", got " + new Shown(v.toString()));
        }
        return v.textValue();
    }

    private static Integer whole(JsonNode v, String field, int min, int max) {
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw new IllegalArgumentException(
                    "field '" + field + "': expected a whole number in [" + min + ", " + max + "], got " + v);
        }
        return v.intValue();
    }

    private static Double positive(JsonNode v, String field, boolean zero) {
        if (v == null) {
            return null;
        }
        double d = v.isNumber() ? v.doubleValue() : Double.NaN;
        if (!Double.isFinite(d) || d < 0 || (!zero && d == 0)) {
            throw new IllegalArgumentException(
                    "field '" + field + "': expected a finite number " + (zero ? ">= 0" : "> 0") + ", got " + v);
        }
        return d;
    }

    private BrickType<?> type(JsonNode type) {
        if (!type.isTextual()) {
            throw new IllegalArgumentException(
                    "field 'type': expected the name of a brick type, got " + new Shown(type.toString()));
        }
        return registry.type(type.textValue());
    }

    private static Settings settings(BrickType<?> t, JsonNode settings) {
        Map<String, Object> given = new LinkedHashMap<>();
        if (settings != null) {
            if (!settings.isObject()) {
                throw new IllegalArgumentException(
                        "field 'settings': expected an object, got " + new Shown(settings.toString()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                given.put(e.getKey(), value(e.getValue()));
            }
        }
        return t.settings(given);
    }

    private BadFileException bad(String problem) {
        return new BadFileException(where, problem);
    }
}

package org.bricknet.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.bricknet.core.Graph;

/**
 * A layer graph as data: the JSON form of a {@link Graph}, read from a file or from a model file's
 * metadata, and written from any graph of registered bricks. Reading checks everything before
 * anything is built and says, in one line, which node and which field is wrong.
 *
 * <pre>{@code
 * {
 *   "format": "bricknet-architecture-1",
 *   "inputs": [{"name": "x", "shape": [784]}],
 *   "blocks": [
 *     {
 *       "name": "residual",
 *       "inputs": [{"name": "in"}],
 *       "nodes": [
 *         {"name": "fc", "type": "Affine", "settings": {"out": 100, "init": "he"}, "takes": ["in"]},
 *         {"name": "add", "type": "Add", "takes": ["in", "fc"]}
 *       ],
 *       "outputs": ["add"]
 *     }
 *   ],
 *   "nodes": [
 *     {"name": "fc0", "type": "Affine", "settings": {"out": 100, "init": "he"}, "takes": ["x"]},
 *     {"name": "res1", "block": "residual", "takes": ["fc0"]},
 *     {"name": "res2", "shares": "res1", "takes": ["res1"]},
 *     {"name": "scores", "type": "Affine", "settings": {"out": 10, "init": "he"}, "takes": ["res2"]}
 *   ],
 *   "outputs": ["scores"],
 *   "losses": [{"name": "loss", "type": "SoftmaxWithLoss", "scores": "scores", "target": "t", "weight": 1.0}],
 *   "training": {"epochs": 10, "batch_size": 100, "optimizer": "adam", "learning_rate": 0.001,
 *                "schedule": "step:8:0.1"}
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code inputs}: each with the shape of one example (no batch axis).
 *   <li>{@code nodes}: each a {@code type} of the {@link BrickRegistry} with its {@code settings}
 *       (omitted ones take their defaults), a {@code block} (a graph defined once in {@code blocks},
 *       each use with parameters of its own), or {@code shares}: the same brick or block as another
 *       node of the same graph, over the same parameters (stored once). {@code takes} names graph
 *       inputs or node outputs ({@code node:1} for a second output). Input sizes come from the graph.
 *   <li>{@code outputs}: by default the scores of the losses. {@code losses}: {@code target} defaults
 *       to {@code t}, {@code weight} to 1. {@code training}: suggested settings, all optional
 *       ({@code epochs}, {@code batch_size}, {@code optimizer}, {@code learning_rate},
 *       {@code weight_decay}, {@code schedule}).
 * </ul>
 *
 * Limits, checked before anything is built: {@link #MAX_TEXT} characters; {@link #MAX_NODES} nodes
 * once every block is expanded; blocks nested at most {@link #MAX_DEPTH} deep; at most
 * {@link #MAX_EXAMPLE_VALUES} values in one example of any input or node output; at most
 * {@link #MAX_STATE_VALUES} parameter and buffer values in all.
 */
public final class Architecture {
    /** The value of {@code format}. */
    public static final String FORMAT = "bricknet-architecture-1";

    public static final int MAX_TEXT = 4 << 20;
    public static final int MAX_NODES = 10_000;
    public static final int MAX_DEPTH = 8;
    public static final int MAX_EXAMPLE_VALUES = 1 << 22;
    public static final long MAX_STATE_VALUES = 1L << 27;

    /** An input: its name and the shape of one example (null in a block: given where it is used). */
    record Input(String name, int[] shape) {}

    /**
     * A node: exactly one of {@code type} (with its settings), {@code block} or {@code shares}, and
     * the names of what it takes.
     */
    record Node(String name, BrickType<?> type, Settings settings, String block, String shares, List<String> takes) {}

    /** A loss: its type and settings, the node it scores, its targets' name and its weight. */
    record Loss(String name, BrickType<?> type, Settings settings, String scores, String target, double weight) {}

    /** A graph: the top one (no name) or a block. Outputs may be empty for the top one (the losses' scores). */
    record Block(String name, List<Input> inputs, List<Node> nodes, List<String> outputs) {}

    /**
     * Suggested training settings; each null when the file does not say. {@code schedule} is a
     * learning-rate schedule written as text ({@code step:30:0.1}), which this package keeps as
     * text: whoever trains reads it (the command line with {@code LearningRateSchedule.parse}).
     */
    public record Training(
            Integer epochs,
            Integer batchSize,
            String optimizer,
            Double learningRate,
            Double weightDecay,
            String schedule) {
        /** No suggested settings. */
        public static final Training NONE = new Training(null, null, null, null, null, null);
    }

    final Block graph;
    final List<Block> blocks;
    final List<Loss> losses;
    final Training training;
    private final ArchitecturePlan plan;

    /** Checks the architecture whole by planning it (see {@link ArchitecturePlan}): shapes, wiring, limits. */
    Architecture(Block graph, List<Block> blocks, List<Loss> losses, Training training) {
        this.graph = graph;
        this.blocks = List.copyOf(blocks);
        this.losses = List.copyOf(losses);
        this.training = training;
        this.plan = ArchitecturePlan.of(this);
    }

    /** Reads an architecture file, naming the types from {@link BrickRegistry#standard()}. */
    public static Architecture read(Path file) throws IOException {
        return read(file, BrickRegistry.standard());
    }

    /** Reads an architecture file, naming the types from {@code registry}. */
    public static Architecture read(Path file, BrickRegistry registry) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new BadFileException(name, "no such file");
        }
        if (Files.size(file) > 4L * MAX_TEXT) {
            throw new BadFileException(
                    name, Files.size(file) + " bytes; an architecture is at most " + MAX_TEXT + " characters");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), name, registry);
    }

    /** Reads the JSON text of an architecture; {@code where} names it in messages (a file, a field). */
    public static Architecture parse(String json, String where) throws BadFileException {
        return parse(json, where, BrickRegistry.standard());
    }

    /** As {@link #parse(String, String)}, naming the types from {@code registry}. */
    public static Architecture parse(String json, String where, BrickRegistry registry) throws BadFileException {
        return new ArchitectureReader(where, registry).read(json);
    }

    /**
     * The architecture of a graph built from code: every brick's type must be registered in
     * {@link BrickRegistry#standard()}, every input must have its example shape, and a node that
     * holds another's parameters must hold all of them; otherwise an {@link IllegalArgumentException}
     * names the node. Nested graphs become blocks (named after the first node that uses them).
     */
    public static Architecture of(Graph graph) {
        return of(graph, BrickRegistry.standard());
    }

    /** As {@link #of(Graph)}, with the types of {@code registry}. */
    public static Architecture of(Graph graph, BrickRegistry registry) {
        return ArchitectureWriter.describe(graph, registry);
    }

    /** The same architecture with these suggested training settings. */
    public Architecture withTraining(Training training) {
        return new Architecture(graph, blocks, losses, training);
    }

    /** The suggested training settings, if the file gives any. */
    public Optional<Training> training() {
        return Optional.ofNullable(training);
    }

    /** The names of the inputs, in order, and the shape of one example of each (copies). */
    public Map<String, int[]> inputs() {
        Map<String, int[]> m = new java.util.LinkedHashMap<>();
        graph.inputs().forEach(i -> m.put(i.name(), i.shape().clone()));
        return m;
    }

    /** The names of the outputs, in order, and the shape of one example of each, as planned (copies). */
    public Map<String, int[]> outputShapes() {
        Map<String, int[]> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < graph.outputs().size(); i++) {
            m.put(graph.outputs().get(i), plan().outputShapes[i].clone());
        }
        return m;
    }

    /**
     * The values one example takes at the inputs and at every node's outputs, the nodes of blocks
     * included: a lower bound on what a forward pass holds per example (the bricks keep caches
     * besides, and a backward pass holds gradients of about the same sizes), found without building.
     */
    public long exampleValues() {
        long sum = plan().nodeOutputValues();
        for (int[] shape : inputs().values()) {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            sum += n;
        }
        return sum;
    }

    /**
     * Builds the graph, its weights drawn from {@code random} in the order the nodes run (as
     * {@link org.bricknet.core.GraphBuilder#build(Random)} draws them); then restarts the draws of
     * its stochastic bricks (Dropout) from one more number of {@code random}. Shapes and limits are
     * checked, and every parameter's shape is known, before the first weight is drawn.
     */
    public Graph build(Random random) {
        return ArchitectureBuild.build(plan(), random);
    }

    /**
     * The shapes of the tensors a graph of this architecture holds ({@link Graph#state()}: its
     * parameters, each once, then its buffers), by key, found without building it.
     */
    public Map<String, int[]> stateShapes() {
        return plan().stateShapes();
    }

    ArchitecturePlan plan() {
        return plan;
    }

    /** The architecture as JSON text: one node per line, every setting written out. */
    public String toJson() {
        return ArchitectureWriter.json(this);
    }

    /** Writes {@link #toJson()} to {@code file}, atomically. */
    public void write(Path file) throws IOException {
        byte[] text = toJson().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(text));
    }

    @Override
    public String toString() {
        return toJson();
    }
}

package org.bricknet.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Declares a {@link Graph}: its inputs, its nodes (each a {@link Brick} and the names of what it
 * takes), its outputs and its losses, in any order a reader likes; {@link #build} checks the whole
 * wiring at once and says what is wrong by name.
 *
 * <pre>
 *   Graph g = Graph.builder()
 *           .input("x", 784)                              // one example is 784 values
 *           .node("fc1", new Affine(100, WeightInit.he()), "x")
 *           .node("relu1", new Relu(), "fc1")
 *           .node("fc2", new Affine(100, WeightInit.he()), "relu1")
 *           .node("res1", new Add(), "fc1", "fc2")          // a residual: fc1 is used twice
 *           .node("scores", new Affine(10, WeightInit.he()), "res1")
 *           .loss("loss", new SoftmaxWithLoss(), "scores")  // against the targets "t"
 *           .build(new Random(42));
 * </pre>
 *
 * <p>A node takes the outputs of other nodes, or the graph's inputs, by name; the outputs of a
 * brick with several ({@code Split}) are named {@code node:0}, {@code node:1}, … ({@code node}
 * alone is {@code node:0}). Outputs default to the scores of the losses.
 */
public final class GraphBuilder {
    static final String DEFAULT_TARGET = "t";

    record InputDecl(String name, int[] shape) {}

    /**
     * A node as declared: {@code keys} are explicit parameter keys (or empty), {@code keyRule}
     * names the others and the buffers from their local names (or null for {@code name.local}).
     */
    record NodeDecl(
            String name,
            Brick brick,
            List<String> inputs,
            List<String> keys,
            java.util.function.UnaryOperator<String> keyRule) {}

    record LossDecl(String name, LossLayer loss, String scores, String target, double weight) {}

    private final List<InputDecl> inputs = new ArrayList<>();
    private final List<NodeDecl> nodes = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final List<LossDecl> losses = new ArrayList<>();

    GraphBuilder() {}

    /**
     * An input of the graph and the shape of one of its examples (the batch axis left out), such
     * as {@code input("x", 1, 28, 28)}; with no shape the graph learns nothing about shapes before
     * it runs, and every brick must then have its parameters already.
     */
    public GraphBuilder input(String name, int... exampleShape) {
        for (int d : exampleShape) {
            if (d < 1) {
                throw new IllegalArgumentException("Graph: input '" + name + "' must have positive sizes, got "
                        + java.util.Arrays.toString(exampleShape));
            }
        }
        inputs.add(new InputDecl(name, exampleShape.length == 0 ? null : exampleShape.clone()));
        return this;
    }

    /** A node named {@code name}: {@code brick} applied to the named outputs or inputs. */
    public GraphBuilder node(String name, Brick brick, String... takes) {
        nodes.add(new NodeDecl(name, brick, List.of(takes), List.of(), null));
        return this;
    }

    /**
     * As {@link #node(String, Brick, String...)}, with the keys under which the brick's parameters
     * appear in {@link Graph#namedParameters()} (explicit, or else by {@code keyRule} from the local
     * names, as the brick's buffers are) instead of {@code name.W}; {@link Network} uses it for the
     * book's {@code W1, b1}.
     */
    GraphBuilder node(
            String name,
            Brick brick,
            List<String> takes,
            List<String> keys,
            java.util.function.UnaryOperator<String> keyRule) {
        nodes.add(new NodeDecl(name, brick, List.copyOf(takes), List.copyOf(keys), keyRule));
        return this;
    }

    /** Names the graph's outputs (node names, or {@code node:i}), in order. */
    public GraphBuilder output(String... refs) {
        outputs.addAll(List.of(refs));
        return this;
    }

    /** A loss on {@code scores} against the targets named {@value #DEFAULT_TARGET}, weight 1. */
    public GraphBuilder loss(String name, LossLayer loss, String scores) {
        return loss(name, loss, scores, DEFAULT_TARGET, 1.0);
    }

    /**
     * A loss on {@code scores} against the targets named {@code target}; the graph's loss is the
     * sum of its losses, each times its {@code weight}.
     */
    public GraphBuilder loss(String name, LossLayer loss, String scores, String target, double weight) {
        if (!Double.isFinite(weight) || weight <= 0) {
            throw new IllegalArgumentException(
                    "Graph: loss '" + name + "' must have a finite weight > 0, got " + weight);
        }
        losses.add(new LossDecl(name, loss, scores, target, weight));
        return this;
    }

    /**
     * Checks the wiring, orders the nodes, learns every shape that the inputs' shapes determine,
     * and creates the parameters of bricks built without their input size from {@code random}.
     */
    public Graph build(Random random) {
        return new Graph(Wiring.compile(this, random));
    }

    /** {@link #build(Random)} for a graph whose bricks all have their parameters already. */
    public Graph build() {
        return build(null);
    }

    List<InputDecl> inputs() {
        return inputs;
    }

    List<NodeDecl> nodes() {
        return nodes;
    }

    List<String> outputs() {
        return outputs;
    }

    List<LossDecl> losses() {
        return losses;
    }

    /** Every brick must be its own object: a brick keeps the state of its last call. */
    void requireDistinctBricks() {
        IdentityHashMap<Brick, String> seen = new IdentityHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (NodeDecl n : nodes) {
            String before = seen.put(n.brick(), n.name());
            if (before != null) {
                throw new IllegalArgumentException("Graph: nodes '" + before + "' and '" + n.name()
                        + "' hold the same " + Wiring.type(n.brick()) + " object; a brick keeps the state of its"
                        + " last call, so give each node its own (to share weights, build the second brick over"
                        + " the first one's parameter tensors)");
            }
            names.put(n.name(), n.name());
        }
        for (LossDecl l : losses) {
            String before = seen.put(l.loss(), l.name());
            if (before != null) {
                throw new IllegalArgumentException("Graph: '" + before + "' and loss '" + l.name() + "' hold the same "
                        + Wiring.type(l.loss()) + " object; give each its own");
            }
        }
    }
}

package org.bricknet.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A layer graph: named inputs, named nodes (each a {@link Brick} applied to the outputs of other
 * nodes or to the inputs), outputs, and losses. Declared with {@link #builder()} and checked once,
 * as a whole, when built; then run forward in a topological order and backward in the reverse one.
 *
 * <ul>
 *   <li>An output taken by several nodes (fan-out) receives the sum of their gradients: the first
 *       is copied into a buffer of the graph's own, the others added to it, so that no brick's
 *       reused buffer is ever written by another.
 *   <li>Weights are shared by bricks built over the same parameter tensors: the graph holds one
 *       parameter, whose gradient is the sum over every brick that holds it, and saves it once.
 *   <li>The loss is the sum of the losses, each times its weight.
 *   <li>A graph is itself a brick (a {@link Layer} when it has one input and one output), so graphs
 *       nest; training mode, reseeding, held random draws and buffers reach every node.
 *   <li>Running backward twice after one forward gives the same gradients.
 * </ul>
 *
 * <p>Keys: a node's parameters and buffers are {@code node.W}, {@code node.running_mean}; a nested
 * graph's keep their own keys after {@code node.}. The tensors the graph returns belong to it and
 * its bricks until the next call; copy one to keep it. {@link Network} is the book's ordered chain
 * of layers on this engine.
 */
public final class Graph implements Layer {
    private final Wiring w;
    private final GraphRun run;

    Graph(Wiring w) {
        this.w = w;
        for (Wiring.Node n : w.nodes) {
            if (n.brick() instanceof Graph g && !g.w.losses.isEmpty()) {
                throw new IllegalArgumentException("Graph: node '" + n.name() + "' is a graph with losses "
                        + g.w.losses.stream().map(Wiring.Loss::name).toList()
                        + "; a nested graph computes outputs only");
            }
        }
        this.run = new GraphRun(w);
        setInputGradientNeeded(false);
    }

    /** Declares a graph: inputs, nodes, outputs and losses; see {@link GraphBuilder}. */
    public static GraphBuilder builder() {
        return new GraphBuilder();
    }

    // ---- running it ----

    /** The outputs for one mini-batch per input, by output name (the graph's buffers). */
    public Map<String, Tensor> forward(Map<String, Tensor> inputs) {
        Tensor[] out = forward(byName("input", w.inputNames, inputs));
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            m.put(w.portNames.get(w.outputs[i]), out[i]);
        }
        return m;
    }

    /** The outputs, in the order of {@link #outputNames()}, for the inputs in the order of {@link #inputNames()}. */
    @Override
    public Tensor[] forward(Tensor... inputs) {
        run.run(inputs);
        Tensor[] out = new Tensor[w.outputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = run.value(w.outputs[i]);
        }
        return out;
    }

    /** The one output of a graph with one input and one output. */
    @Override
    public Tensor forward(Tensor x) {
        requireOneInOne("forward(x)");
        run.run(x);
        return run.value(w.outputs[0]);
    }

    /** Output {@code i} (in the order of {@link #outputNames()}) of the last forward or loss (the graph's buffer). */
    public Tensor output(int i) {
        if (!run.forwardDone()) {
            throw new IllegalStateException("Graph: no forward has run yet");
        }
        return run.value(w.outputs[i]);
    }

    /** Forward, then the sum of the losses (each times its weight) against the named targets. */
    public double loss(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
        run.run(byName("input", w.inputNames, inputs));
        return run.losses(byName("target", w.targets, targets));
    }

    /** {@link #loss(Map, Map)} of a graph with one input and one name of targets. */
    public double loss(Tensor x, Tensor t) {
        if (w.inputNames.size() != 1 || w.targets.size() != 1) {
            throw new IllegalStateException("Graph: loss(x, t) needs one input and one name of targets; this graph"
                    + " has inputs " + w.inputNames + " and targets " + w.targets + ": use loss(inputs, targets)");
        }
        run.run(x);
        return run.losses(t);
    }

    /**
     * Backward from the losses of the last {@link #loss} call: fills every parameter's gradient and
     * returns the gradients of the inputs by name (only when {@link #setInputGradientNeeded} is on;
     * otherwise empty).
     */
    public Map<String, Tensor> backward() {
        if (w.losses.isEmpty()) {
            throw new IllegalStateException("Graph: backward() starts from the losses, and this graph has none;"
                    + " give its outputs' gradients to backward(gradients...)");
        }
        run.backward(null, true);
        Map<String, Tensor> m = new LinkedHashMap<>();
        if (run.inputGradientsNeeded()) {
            for (int i = 0; i < w.inputNames.size(); i++) {
                m.put(w.inputNames.get(i), run.inputGradient(i));
            }
        }
        return m;
    }

    /** Backward from a gradient for each output (in order); returns each input's gradient. */
    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        if (outputGradients.length != w.outputs.length) {
            throw new IllegalArgumentException("Graph: expected " + w.outputs.length + " output gradients ("
                    + outputNames() + "), got " + outputGradients.length);
        }
        run.backward(outputGradients, false);
        Tensor[] in = new Tensor[w.inputNames.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = run.inputGradientsNeeded() ? run.inputGradient(i) : null;
        }
        return in;
    }

    /** The input gradient of a graph with one input and one output, from its output's gradient. */
    @Override
    public Tensor backward(Tensor dout) {
        requireOneInOne("backward(dout)");
        return backward(new Tensor[] {dout})[0];
    }

    private Tensor[] byName(String what, List<String> names, Map<String, Tensor> given) {
        if (!given.keySet().equals(new java.util.HashSet<>(names))) {
            throw new IllegalArgumentException("Graph: expected " + what + "s " + names + ", got " + given.keySet());
        }
        Tensor[] out = new Tensor[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = given.get(names.get(i));
        }
        return out;
    }

    private void requireOneInOne(String call) {
        if (w.inputNames.size() != 1 || w.outputs.length != 1) {
            throw new IllegalStateException("Graph: " + call + " needs one input and one output; this graph has inputs "
                    + w.inputNames + " and outputs " + outputNames());
        }
    }

    // ---- what it is ----

    /** The inputs' names, in order. */
    public List<String> inputNames() {
        return Collections.unmodifiableList(w.inputNames);
    }

    /** The outputs' names ({@code node} or {@code node:i}), in order. */
    public List<String> outputNames() {
        return Arrays.stream(w.outputs).mapToObj(w.portNames::get).toList();
    }

    /** The names of the targets the losses compare against, in order. */
    public List<String> targetNames() {
        return Collections.unmodifiableList(w.targets);
    }

    /** The nodes by name, in the order they run. */
    public Map<String, Brick> nodes() {
        Map<String, Brick> m = new LinkedHashMap<>();
        for (Wiring.Node n : w.nodes) {
            m.put(n.name(), n.brick());
        }
        return Collections.unmodifiableMap(m);
    }

    /** The losses by name. */
    public Map<String, LossLayer> losses() {
        Map<String, LossLayer> m = new LinkedHashMap<>();
        w.losses.forEach(l -> m.put(l.name(), l.loss()));
        return Collections.unmodifiableMap(m);
    }

    /** The weight of loss {@code name} in the graph's loss (the sum of the losses, each times its weight). */
    public double lossWeight(String name) {
        for (Wiring.Loss l : w.losses) {
            if (l.name().equals(name)) {
                return l.weight();
            }
        }
        throw new IllegalArgumentException(
                "Graph: no loss is named '" + name + "'; its losses are " + losses().keySet());
    }

    /** What node {@code name} takes (names of inputs or outputs of other nodes), in order. */
    public List<String> inputsOf(String name) {
        for (Wiring.Node n : w.nodes) {
            if (n.name().equals(name)) {
                return Arrays.stream(n.in()).mapToObj(w.portNames::get).toList();
            }
        }
        for (Wiring.Loss l : w.losses) {
            if (l.name().equals(name)) {
                return List.of(w.portNames.get(l.scores()), l.target());
            }
        }
        throw new IllegalArgumentException("Graph: no node or loss is named '" + name + "'");
    }

    /** The shape of one example of an input or a node's output (no batch axis); null if unknown. */
    public int[] exampleShape(String ref) {
        int p = w.portNames.indexOf(ref);
        if (p < 0 && !ref.contains(":")) {
            p = w.portNames.indexOf(ref + ":0");
        }
        if (p < 0) {
            throw new IllegalArgumentException("Graph: no input or node output is named '" + ref + "'");
        }
        int[] s = w.portShapes.get(p);
        return s == null ? null : s.clone();
    }

    /** The parameters by key ({@code node.W}); a weight held by several bricks appears once. */
    public Map<String, Parameter> namedParameters() {
        return Collections.unmodifiableMap(w.params);
    }

    /** The parameters, each once, in key order. */
    @Override
    public List<Parameter> parameters() {
        return List.copyOf(w.params.values());
    }

    /** Buffers (running statistics) by key ({@code node.running_mean}). */
    @Override
    public Map<String, Tensor> buffers() {
        return Collections.unmodifiableMap(w.buffers);
    }

    /** Everything a saved model needs: parameter values, then buffers, by key. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        w.params.forEach((k, p) -> out.put(k, p.value()));
        out.putAll(w.buffers);
        return Collections.unmodifiableMap(out);
    }

    @Override
    public int inputCount() {
        return w.inputNames.size();
    }

    @Override
    public int outputCount() {
        return w.outputs.length;
    }

    /** The declared shapes, checked against what the graph is given; its outputs' shapes. */
    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        for (int i = 0; i < inputShapes.length; i++) {
            int[] mine = w.portShapes.get(i);
            if (mine != null && !Arrays.equals(mine, inputShapes[i])) {
                throw new IllegalArgumentException("its input '" + w.inputNames.get(i) + "' is declared "
                        + WiringSetup.batchShape(mine) + ", it is given " + WiringSetup.batchShape(inputShapes[i]));
            }
        }
        int[][] out = new int[w.outputs.length][];
        for (int j = 0; j < out.length; j++) {
            out[j] = w.portShapes.get(w.outputs[j]);
            if (out[j] == null) {
                return null;
            }
        }
        return out;
    }

    /** Every node (and loss) in training mode (true) or evaluation mode (false). */
    @Override
    public void setTraining(boolean training) {
        for (Wiring.Node n : w.nodes) {
            n.brick().setTraining(training);
        }
        for (Wiring.Loss l : w.losses) {
            l.loss().setTraining(training);
        }
    }

    @Override
    public boolean isStochastic() {
        return w.nodes.stream().anyMatch(n -> n.brick().isStochastic());
    }

    @Override
    public void holdRandomDraw(boolean hold) {
        for (Wiring.Node n : w.nodes) {
            n.brick().holdRandomDraw(hold);
        }
    }

    /** Node {@code i} (in running order, from 0) restarts its draws from {@code SplitMix.derive(seed, i + 1)}. */
    @Override
    public void reseed(long seed) {
        for (int i = 0; i < w.nodes.size(); i++) {
            w.nodes.get(i).brick().reseed(SplitMix.derive(seed, i + 1));
        }
    }

    /** Whether backward computes the gradients of the graph's inputs (off unless asked for). */
    @Override
    public void setInputGradientNeeded(boolean needed) {
        run.setInputGradientsNeeded(needed);
        for (Wiring.Node n : w.nodes) {
            boolean need = needed || Arrays.stream(n.in()).anyMatch(p -> p >= w.inputNames.size());
            n.brick().setInputGradientNeeded(need);
        }
    }

    /** Calls {@code listener} on every node's forward and backward until removed. */
    public void addListener(GraphListener listener) {
        run.listeners().add(java.util.Objects.requireNonNull(listener, "Graph: expected a listener, got null"));
    }

    public void removeListener(GraphListener listener) {
        run.listeners().remove(listener);
    }

    /**
     * The runs of nodes that the graph does as one layer while no listener is attached
     * ({@link Layer#fusedWith}; in SimpleConvNet {@code [Conv1, Relu1, Pool1]}): the outputs and
     * gradients are the same bits, the values between them are not made. With a listener attached,
     * every node runs on its own and the listener sees it.
     */
    public List<List<String>> fusedNodes() {
        return run.fusedNodes();
    }

    /** A table of the nodes: name, brick, inputs, output shape, parameters; then the totals. */
    public String summary() {
        return GraphText.summary(this, w);
    }

    /** The wiring, for the package's text and picture of nested graphs. */
    Wiring wiring() {
        return w;
    }

    /**
     * The graph in Graphviz's DOT language: a box per node, an arrow per input, a nested graph as a
     * cluster of its own nodes.
     */
    public String toDot() {
        return GraphText.dot(this, w);
    }

    @Override
    public String toString() {
        return summary();
    }

    /** Creates nothing: the graph's bricks were built with it; checks the shapes it is given. */
    @Override
    public void build(int[][] inputShapes, Random random) {
        if (inputShapes != null) {
            outputShapes(inputShapes);
        }
    }
}

package org.bricknet.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
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
    private final Wiring.Node[] nodes;
    private final Layer[] single;
    private final Tensor[][] nodeIn;
    private final Tensor[][] nodeGrad;
    private final Tensor[] value;
    private final Tensor[] grad;
    private final Tensor[] acc;
    private final Tensor[] zeros;
    private final boolean[] started;
    private final Tensor[] lossScale;
    private final int[] lossTarget;
    private final Parameter[][] nodeShared;
    private final IdentityHashMap<Tensor, Tensor> sharedSum = new IdentityHashMap<>();
    private final IdentityHashMap<Tensor, Boolean> sharedStarted = new IdentityHashMap<>();
    private final List<GraphListener> listeners = new ArrayList<>();
    private boolean inputGradientsNeeded;
    private boolean forwardDone;

    Graph(Wiring w) {
        this.w = w;
        this.nodes = w.nodes.toArray(new Wiring.Node[0]);
        int ports = w.portNames.size();
        this.value = new Tensor[ports];
        this.grad = new Tensor[ports];
        this.acc = new Tensor[ports];
        this.zeros = new Tensor[ports];
        this.started = new boolean[ports];
        this.single = new Layer[nodes.length];
        this.nodeIn = new Tensor[nodes.length][];
        this.nodeGrad = new Tensor[nodes.length][];
        this.nodeShared = new Parameter[nodes.length][];
        for (int k = 0; k < nodes.length; k++) {
            Wiring.Node n = nodes[k];
            if (n.brick() instanceof Graph g && !g.w.losses.isEmpty()) {
                throw new IllegalArgumentException("Graph: node '" + n.name() + "' is a graph with losses "
                        + g.w.losses.stream().map(Wiring.Loss::name).toList()
                        + "; a nested graph computes outputs only");
            }
            boolean oneToOne = n.in().length == 1 && n.outCount() == 1;
            single[k] = oneToOne && n.brick() instanceof Layer l ? l : null;
            nodeIn[k] = new Tensor[n.in().length];
            nodeGrad[k] = new Tensor[n.outCount()];
            nodeShared[k] = n.brick().parameters().stream()
                    .filter(p -> w.shared.containsKey(p.value()))
                    .toArray(Parameter[]::new);
        }
        this.lossScale = new Tensor[w.losses.size()];
        this.lossTarget = new int[w.losses.size()];
        for (int i = 0; i < lossScale.length; i++) {
            lossScale[i] = Tensor.vector(w.losses.get(i).weight());
            lossTarget[i] = w.targets.indexOf(w.losses.get(i).target());
        }
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
        run(inputs);
        Tensor[] out = new Tensor[w.outputs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = value[w.outputs[i]];
        }
        return out;
    }

    /** The one output of a graph with one input and one output. */
    @Override
    public Tensor forward(Tensor x) {
        requireOneInOne("forward(x)");
        run(x);
        return value[w.outputs[0]];
    }

    /** Output {@code i} (in the order of {@link #outputNames()}) of the last forward or loss (the graph's buffer). */
    public Tensor output(int i) {
        if (!forwardDone) {
            throw new IllegalStateException("Graph: no forward has run yet");
        }
        return value[w.outputs[i]];
    }

    /** Forward, then the sum of the losses (each times its weight) against the named targets. */
    public double loss(Map<String, Tensor> inputs, Map<String, Tensor> targets) {
        run(byName("input", w.inputNames, inputs));
        return losses(byName("target", w.targets, targets));
    }

    /** {@link #loss(Map, Map)} of a graph with one input and one name of targets. */
    public double loss(Tensor x, Tensor t) {
        if (w.inputNames.size() != 1 || w.targets.size() != 1) {
            throw new IllegalStateException("Graph: loss(x, t) needs one input and one name of targets; this graph"
                    + " has inputs " + w.inputNames + " and targets " + w.targets + ": use loss(inputs, targets)");
        }
        run(x);
        return losses(t);
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
        backwardFrom(null, true);
        Map<String, Tensor> m = new LinkedHashMap<>();
        if (inputGradientsNeeded) {
            for (int i = 0; i < w.inputNames.size(); i++) {
                m.put(w.inputNames.get(i), inputGradient(i));
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
        backwardFrom(outputGradients, false);
        Tensor[] in = new Tensor[w.inputNames.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = inputGradientsNeeded ? inputGradient(i) : null;
        }
        return in;
    }

    /** The input gradient of a graph with one input and one output, from its output's gradient. */
    @Override
    public Tensor backward(Tensor dout) {
        requireOneInOne("backward(dout)");
        return backward(new Tensor[] {dout})[0];
    }

    private void run(Tensor... inputs) {
        if (inputs.length != w.inputNames.size()) {
            throw new IllegalArgumentException(
                    "Graph: expected " + w.inputNames.size() + " inputs " + w.inputNames + ", got " + inputs.length);
        }
        for (int i = 0; i < inputs.length; i++) {
            int[] example = w.portShapes.get(i);
            Tensor x = inputs[i];
            if (x == null || (example != null && !matches(x, example)) || x.rows() != inputs[0].rows()) {
                throw new IllegalArgumentException("Graph: input '" + w.inputNames.get(i) + "' expected shape "
                        + WiringSetup.batchShape(example) + (i > 0 ? " with the batch size of the others" : "")
                        + ", got " + (x == null ? "none" : x.shapeString()));
            }
            value[i] = x;
        }
        for (int k = 0; k < nodes.length; k++) {
            Wiring.Node n = nodes[k];
            if (single[k] != null && listeners.isEmpty()) {
                value[n.out()] = single[k].forward(value[n.in()[0]]);
                continue;
            }
            Tensor[] in = nodeIn[k];
            for (int i = 0; i < in.length; i++) {
                in[i] = value[n.in()[i]];
            }
            Tensor[] out = n.brick().forward(in);
            if (out.length != n.outCount()) {
                throw new IllegalStateException(Wiring.type(n.brick()) + " '" + n.name() + "' gave " + out.length
                        + " outputs, expected " + n.outCount());
            }
            System.arraycopy(out, 0, value, n.out(), out.length);
            for (GraphListener l : listeners) {
                l.forward(n.name(), n.brick(), in, out);
            }
        }
        forwardDone = true;
    }

    private double losses(Tensor... targets) {
        double total = 0;
        for (int i = 0; i < w.losses.size(); i++) {
            Wiring.Loss l = w.losses.get(i);
            double v = l.loss().loss(value[l.scores()], targets[lossTarget[i]]);
            total += l.weight() == 1.0 ? v : l.weight() * v;
        }
        return total;
    }

    private void backwardFrom(Tensor[] outputGradients, boolean fromLosses) {
        if (!forwardDone) {
            throw new IllegalStateException("Graph: backward called before forward");
        }
        Arrays.fill(grad, null);
        Arrays.fill(started, false);
        sharedStarted.clear();
        if (outputGradients != null) {
            for (int i = 0; i < outputGradients.length; i++) {
                contribute(
                        w.outputs[i],
                        outputGradients[i],
                        "the gradient of output " + outputNames().get(i));
            }
        }
        if (fromLosses) {
            for (int i = 0; i < w.losses.size(); i++) {
                Wiring.Loss l = w.losses.get(i);
                contribute(l.scores(), l.loss().backward(lossScale[i]), "loss '" + l.name() + "'");
            }
        }
        for (int k = nodes.length - 1; k >= 0; k--) {
            backwardNode(k);
        }
        sharedSums();
    }

    private void backwardNode(int k) {
        Wiring.Node n = nodes[k];
        if (single[k] != null && listeners.isEmpty()) {
            Tensor g = grad[n.out()];
            if (g == null) {
                unreached(k);
                return;
            }
            Tensor dx = single[k].backward(g);
            if (n.in()[0] >= w.inputNames.size() || inputGradientsNeeded) {
                contribute(n.in()[0], dx, n.name());
            }
            shared(k);
            return;
        }
        Tensor[] g = nodeGrad[k];
        boolean any = false;
        for (int j = 0; j < g.length; j++) {
            g[j] = grad[n.out() + j];
            any |= g[j] != null;
        }
        if (!any) {
            unreached(k);
            return;
        }
        for (int j = 0; j < g.length; j++) {
            if (g[j] == null) {
                g[j] = zerosLike(n.out() + j);
            }
        }
        Tensor[] dx = n.brick().backward(g);
        for (GraphListener l : listeners) {
            l.backward(n.name(), n.brick(), g, dx);
        }
        for (int i = 0; i < n.in().length; i++) {
            if (n.in()[i] >= w.inputNames.size() || inputGradientsNeeded) {
                contribute(n.in()[i], dx == null ? null : dx[i], n.name());
            }
        }
        shared(k);
    }

    /** A node no gradient reached (its outputs lead to no loss): its parameters' gradients are 0. */
    private void unreached(int k) {
        for (Parameter p : nodes[k].brick().parameters()) {
            p.grad().fill(0.0);
        }
        shared(k);
    }

    /** Adds a gradient into a port: kept as is when the port has one use, else summed in a buffer. */
    private void contribute(int p, Tensor g, String from) {
        if (g == null || !g.sameShape(value[p])) {
            throw new IllegalStateException(
                    "Graph: " + from + " gave " + (g == null ? "no gradient" : "a gradient of shape " + g.shapeString())
                            + " for '" + w.portNames.get(p) + "' of shape " + value[p].shapeString());
        }
        if (w.uses[p] == 1) {
            grad[p] = g;
            return;
        }
        if (!started[p]) {
            acc[p] = Tensor.reuse(acc[p], g);
            acc[p].copyFrom(g);
            started[p] = true;
            grad[p] = acc[p];
            return;
        }
        double[] a = acc[p].data();
        double[] d = g.data();
        for (int i = 0; i < a.length; i++) {
            a[i] += d[i];
        }
    }

    /** After a node's backward: its shared parameters' gradients join their sums. */
    private void shared(int k) {
        for (Parameter p : nodeShared[k]) {
            Tensor sum = sharedSum.computeIfAbsent(p.value(), v -> Tensor.zeros(v.shape()));
            if (sharedStarted.put(p.value(), Boolean.TRUE) == null) {
                sum.copyFrom(p.grad());
            } else {
                double[] s = sum.data();
                double[] d = p.grad().data();
                for (int i = 0; i < s.length; i++) {
                    s[i] += d[i];
                }
            }
        }
    }

    /** Every parameter object of a shared value ends with the sum of their gradients. */
    private void sharedSums() {
        w.shared.forEach((value, holders) -> {
            Tensor sum = sharedSum.get(value);
            for (Parameter p : holders) {
                if (sum == null) {
                    p.grad().fill(0.0);
                } else {
                    p.grad().copyFrom(sum);
                }
            }
        });
    }

    private Tensor zerosLike(int p) {
        zeros[p] = Tensor.reuse(zeros[p], value[p]).fill(0.0);
        return zeros[p];
    }

    private Tensor inputGradient(int i) {
        return grad[i] != null ? grad[i] : zerosLike(i);
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

    private static boolean matches(Tensor x, int[] example) {
        if (x.rank() != example.length + 1) {
            return false;
        }
        for (int i = 0; i < example.length; i++) {
            if (x.dim(i + 1) != example[i]) {
                return false;
            }
        }
        return true;
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
        for (Wiring.Node n : nodes) {
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
        for (Wiring.Node n : nodes) {
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
        for (Wiring.Node n : nodes) {
            n.brick().setTraining(training);
        }
        for (Wiring.Loss l : w.losses) {
            l.loss().setTraining(training);
        }
    }

    @Override
    public boolean isStochastic() {
        return Arrays.stream(nodes).anyMatch(n -> n.brick().isStochastic());
    }

    @Override
    public void holdRandomDraw(boolean hold) {
        for (Wiring.Node n : nodes) {
            n.brick().holdRandomDraw(hold);
        }
    }

    /** Node {@code i} (in running order, from 0) restarts its draws from {@code SplitMix.derive(seed, i + 1)}. */
    @Override
    public void reseed(long seed) {
        for (int i = 0; i < nodes.length; i++) {
            nodes[i].brick().reseed(SplitMix.derive(seed, i + 1));
        }
    }

    /** Whether backward computes the gradients of the graph's inputs (off unless asked for). */
    @Override
    public void setInputGradientNeeded(boolean needed) {
        inputGradientsNeeded = needed;
        for (Wiring.Node n : nodes) {
            boolean need = needed || Arrays.stream(n.in()).anyMatch(p -> p >= w.inputNames.size());
            n.brick().setInputGradientNeeded(need);
        }
    }

    /** Calls {@code listener} on every node's forward and backward until removed. */
    public void addListener(GraphListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "Graph: expected a listener, got null"));
    }

    public void removeListener(GraphListener listener) {
        listeners.remove(listener);
    }

    /** A table of the nodes: name, brick, inputs, output shape, parameters; then the totals. */
    public String summary() {
        return GraphText.summary(this, w);
    }

    /** The graph in Graphviz's DOT language: a box per node, an arrow per input. */
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

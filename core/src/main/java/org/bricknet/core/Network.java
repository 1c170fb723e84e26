package org.bricknet.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named layers in an ordered {@link LinkedHashMap}, then one {@link LossLayer}: the book's
 * {@code TwoLayerNet} and {@code MultiLayerNet} generalised. It runs on the {@link Graph} engine
 * (a chain is the simplest graph); {@link #Network(Graph)} gives any graph with one input the same
 * API, so that trainers, checkpoints, model files and gradient checks take either.
 *
 * <p>Parameters are keyed as in the book: a layer named with a number, such as {@code Affine1},
 * gives its parameters {@code W} and {@code b} the keys {@code W1} and {@code b1}; any other layer
 * name gives {@code name.W}. Explicit keys can be passed to {@link #add(String, Layer, String...)}.
 * {@link #gradient} and {@link #numericalGradient} return maps keyed alike, so they compare key by
 * key. A network over a graph keys its parameters as the graph does ({@code node.W}).
 *
 * <p>Training/evaluation: {@link #predict}, {@link #accuracy} and {@link #evaluationLoss} run the
 * layers in evaluation mode; {@link #loss}, {@link #gradient} and {@link #backprop} in training mode.
 *
 * <p>Weight decay λ ({@link L2Decay}) adds {@code ½·λ·ΣW²} over the weights ({@link
 * Parameter#isWeight()}: rank 2 or more, so not biases nor BatchNorm's gamma and beta; or the
 * parameters its {@link Coverage} chooses) to the loss, and {@code λ·W} to their gradients.
 */
public class Network {
    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)$");

    private final LinkedHashMap<String, Layer> layers = new LinkedHashMap<>();
    private final LinkedHashMap<String, List<String>> keys = new LinkedHashMap<>();
    private final LinkedHashMap<String, Parameter> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final boolean overGraph;
    private LossLayer lossLayer;
    private L2Decay decay = L2Decay.weights(0);
    private Graph graph;

    /** An empty chain: add layers with {@link #add}, then a loss with {@link #withLoss}. */
    public Network() {
        this.overGraph = false;
    }

    /**
     * A network over a graph with one input and at most one name of targets (all its losses compare
     * against the same targets); it predicts the graph's first output.
     */
    public Network(Graph graph) {
        if (graph.inputNames().size() != 1 || graph.targetNames().size() > 1) {
            throw new IllegalArgumentException("Network: a graph with one input and one name of targets is needed,"
                    + " got inputs " + graph.inputNames() + " and targets " + graph.targetNames());
        }
        this.overGraph = true;
        this.graph = graph;
        params.putAll(graph.namedParameters());
        buffers.putAll(graph.buffers());
    }

    /** Appends a layer; its parameters are keyed by {@code paramKeys} if given, else by the naming rule. */
    public Network add(String name, Layer layer, String... paramKeys) {
        requireChain("add");
        if (layers.containsKey(name)) {
            throw new IllegalArgumentException("Network: a layer named '" + name + "' is already there");
        }
        List<Parameter> ps = layer.parameters();
        if (paramKeys.length != 0 && paramKeys.length != ps.size()) {
            throw new IllegalArgumentException("Network: layer '" + name + "' has " + ps.size() + " parameters, got "
                    + paramKeys.length + " keys");
        }
        LinkedHashMap<String, Parameter> added = new LinkedHashMap<>();
        for (int i = 0; i < ps.size(); i++) {
            String key =
                    paramKeys.length != 0 ? paramKeys[i] : key(name, ps.get(i).name());
            if (params.containsKey(key) || added.containsKey(key)) {
                throw new IllegalArgumentException(
                        "Network: parameter key '" + key + "' of layer '" + name + "' is already taken");
            }
            added.put(key, ps.get(i));
        }
        LinkedHashMap<String, Tensor> addedBuffers = new LinkedHashMap<>();
        layer.buffers().forEach((local, tensor) -> {
            String key = key(name, local);
            if (params.containsKey(key) || added.containsKey(key) || buffers.containsKey(key)) {
                throw new IllegalArgumentException(
                        "Network: buffer key '" + key + "' of layer '" + name + "' is already taken");
            }
            addedBuffers.put(key, tensor);
        });
        layers.put(name, layer);
        keys.put(name, List.copyOf(added.keySet()));
        params.putAll(added);
        buffers.putAll(addedBuffers);
        graph = null;
        return this;
    }

    /** Sets the loss layer that ends the network. */
    public Network withLoss(LossLayer loss) {
        requireChain("withLoss");
        this.lossLayer = loss;
        graph = null;
        return this;
    }

    /** Sets the L2 weight decay λ over the weights, the book's (0 turns it off). */
    public Network withWeightDecay(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("Network: weight decay must be a finite number >= 0, got " + lambda);
        }
        return withDecay(L2Decay.weights(lambda));
    }

    /** Sets the L2 decay, over the parameters its coverage chooses ({@link L2Decay#all} for PyTorch's). */
    public Network withDecay(L2Decay decay) {
        this.decay = java.util.Objects.requireNonNull(decay, "Network: expected an L2Decay, got null");
        return this;
    }

    /** λ of the L2 decay (0 when off). */
    public double weightDecay() {
        return decay.lambda();
    }

    /** The L2 decay added to the loss and the gradients. */
    public L2Decay decay() {
        return decay;
    }

    /** The layers by name, in order (read-only), of a chain. */
    public Map<String, Layer> layers() {
        requireChain("layers()");
        return Collections.unmodifiableMap(layers);
    }

    /** The parameters by key, in order (read-only). */
    public Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(params);
    }

    /** Non-gradient state of the layers (running statistics), keyed by the same rule (read-only). */
    public Map<String, Tensor> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /** Everything a saved model needs: parameter values, then buffers, keyed alike. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, p.value()));
        out.putAll(buffers);
        return Collections.unmodifiableMap(out);
    }

    /** The loss layer (of a network over a graph: its one loss). */
    public LossLayer lossLayer() {
        if (overGraph) {
            if (graph.losses().size() != 1) {
                throw new IllegalStateException(
                        "Network: the graph has losses " + graph.losses().keySet() + ", not one loss layer");
            }
            return graph.losses().values().iterator().next();
        }
        return requireLoss();
    }

    /** The graph this network runs on: the chain of its layers and its loss, or the graph it was given. */
    public Graph graph() {
        if (graph == null) {
            if (layers.isEmpty()) {
                throw new IllegalStateException("Network: no layers; add some with add(name, layer)");
            }
            GraphBuilder b = Graph.builder().input("x");
            String previous = "x";
            for (Map.Entry<String, Layer> e : layers.entrySet()) {
                String name = e.getKey();
                b.node(name, e.getValue(), List.of(previous), keys.get(name), local -> key(name, local));
                previous = name;
            }
            if (lossLayer != null) {
                String lossName = "loss";
                for (int i = 2; layers.containsKey(lossName) || lossName.equals("x"); i++) {
                    lossName = "loss" + i;
                }
                b.loss(lossName, lossLayer, previous);
            } else {
                b.output(previous);
            }
            graph = b.build();
        }
        return graph;
    }

    /** Puts every layer in training mode (true) or evaluation mode (false). */
    public void setTraining(boolean training) {
        graph().setTraining(training);
    }

    /**
     * Restarts the random draws of every stochastic layer: layer {@code i} (in order, from 0) gets
     * {@code SplitMix.derive(seed, i + 1)}, so that two dropout layers draw different masks. Every
     * layer is told, not only those that say {@link Layer#isStochastic()} now: a layer may say so
     * only in training, and a trainer reseeds after evaluating, in evaluation mode; the others
     * ignore it.
     */
    public void reseed(long seed) {
        graph().reseed(seed);
    }

    /** The scores for a batch {@code x}, computed in evaluation mode (before the loss layer); a copy. */
    public Tensor predict(Tensor x) {
        setTraining(false);
        return graph().forward(x).copy();
    }

    /** The loss (plus weight decay) on a batch, computed in training mode. */
    public double loss(Tensor x, Tensor targets) {
        setTraining(true);
        requireLossFor();
        return graph().loss(x, targets) + decayLoss();
    }

    /**
     * The loss (plus weight decay) on a batch, computed in evaluation mode as {@link #predict} is:
     * Dropout keeps every unit, BatchNormalization uses its running statistics, nothing is learned
     * or drawn. The loss of a held-out set, to compare with the training loss.
     */
    public double evaluationLoss(Tensor x, Tensor targets) {
        setTraining(false);
        requireLossFor();
        return graph().loss(x, targets) + decayLoss();
    }

    /**
     * {@link #evaluationLoss} and {@link #countCorrect} from one forward pass in evaluation mode:
     * what a trainer scores a held-out set by.
     */
    public Evaluation evaluate(Tensor x, Tensor targets) {
        double loss = evaluationLoss(x, targets);
        return new Evaluation(loss, correct(graph().output(0), targets));
    }

    /** A batch's loss in evaluation mode (weight decay included) and how many rows it classifies right. */
    public record Evaluation(double loss, int correct) {}

    /**
     * The fraction of rows whose highest score is the target class; {@code targets} are class
     * indices (shape {@code (N,)} or {@code (N, 1)}) or one-hot rows ({@code (N, K)}).
     */
    public double accuracy(Tensor x, Tensor targets) {
        return (double) countCorrect(x, targets) / x.rows();
    }

    /** How many rows of {@code x} the network classifies as their target (in evaluation mode). */
    public int countCorrect(Tensor x, Tensor targets) {
        setTraining(false);
        return correct(graph().forward(new Tensor[] {x})[0], targets);
    }

    /** How many rows of {@code scores} have their highest score at the target class. */
    public static int correct(Tensor scores, Tensor targets) {
        int[] labels = Targets.classIndices("Network.accuracy", targets, scores.rows(), scores.cols());
        int n = scores.rows();
        int k = scores.cols();
        double[] s = scores.data();
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (Targets.argmax(s, i * k, k) == labels[i]) {
                hits++;
            }
        }
        return hits;
    }

    /**
     * Forward and backward in training mode: fills every parameter's gradient (weight decay
     * included) and returns the loss. The gradients stay in the parameters; nothing is copied.
     */
    public double backprop(Tensor x, Tensor targets) {
        double loss = loss(x, targets);
        backward();
        return loss;
    }

    /** Backprop gradients of the loss, copied out, keyed like {@link #parameters()}. */
    public Map<String, Tensor> gradient(Tensor x, Tensor targets) {
        backprop(x, targets);
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, p.grad().copy()));
        return out;
    }

    /** Central-difference gradients of {@link #loss}, keyed like {@link #gradient}. */
    public Map<String, Tensor> numericalGradient(Tensor x, Tensor targets) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, NumericalGradient.of(() -> loss(x, targets), p.value())));
        return out;
    }

    /** dL/dx for a batch: the gradient the first layer normally skips in training. */
    public Tensor inputGradient(Tensor x, Tensor targets) {
        Graph g = graph();
        g.setInputGradientNeeded(true);
        try {
            loss(x, targets);
            return backward().get(g.inputNames().get(0)).copy();
        } finally {
            g.setInputGradientNeeded(false);
        }
    }

    /** Every brick of the network: its layers or nodes, then its losses. */
    public List<Brick> bricks() {
        List<Brick> all = new ArrayList<>(graph().nodes().values());
        all.addAll(graph().losses().values());
        return all;
    }

    /**
     * A table of the network: for a chain, each layer, its brick, its parameter count and the keys
     * of its parameters ({@code W1, b1}); for a network over a graph, the graph's
     * {@link Graph#summary()}. Then the totals and the weight decay.
     */
    public String summary() {
        if (overGraph) {
            return graph.summary() + "\nweight decay: " + GraphText.number(weightDecay());
        }
        return GraphText.chain(layers, keys, lossLayer, this);
    }

    /** {@link #summary()}. */
    @Override
    public String toString() {
        return summary();
    }

    private Map<String, Tensor> backward() {
        Map<String, Tensor> inputs = graph().backward();
        decay.addGradients(params);
        return inputs;
    }

    private double decayLoss() {
        return decay.penalty(params);
    }

    private void requireLossFor() {
        if (overGraph ? graph.losses().isEmpty() : lossLayer == null) {
            throw new IllegalStateException("Network: no loss layer; set one with withLoss(...)");
        }
    }

    private LossLayer requireLoss() {
        if (lossLayer == null) {
            throw new IllegalStateException("Network: no loss layer; set one with withLoss(...)");
        }
        return lossLayer;
    }

    private void requireChain(String call) {
        if (overGraph) {
            throw new IllegalStateException(
                    "Network: " + call + " is for a chain of layers; this network runs a graph" + " (see graph())");
        }
    }

    private static String key(String layerName, String paramName) {
        Matcher m = NUMBERED.matcher(layerName);
        return m.matches() ? paramName + m.group(2) : layerName + "." + paramName;
    }
}

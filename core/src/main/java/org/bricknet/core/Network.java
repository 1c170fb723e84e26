package org.bricknet.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named layers in an ordered {@link LinkedHashMap}, then one {@link LossLayer}: the book's
 * {@code TwoLayerNet} and {@code MultiLayerNet} generalised.
 *
 * <p>Parameters are keyed as in the book: a layer named with a number, such as {@code Affine1},
 * gives its parameters {@code W} and {@code b} the keys {@code W1} and {@code b1}; any other layer
 * name gives {@code name.W}. Explicit keys can be passed to {@link #add(String, Layer, String...)}.
 * {@link #gradient} and {@link #numericalGradient} return maps keyed alike, so they compare key by
 * key.
 *
 * <p>Training/evaluation: {@link #predict} and {@link #accuracy} run the layers in evaluation
 * mode; {@link #loss}, {@link #gradient} and {@link #backprop} in training mode.
 *
 * <p>Weight decay λ adds {@code ½·λ·ΣW²} over the weights ({@link Parameter#isWeight()}: rank 2 or
 * more, so not biases nor BatchNorm's gamma and beta) to the loss, and {@code λ·W} to their
 * gradients.
 */
public class Network {
    private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)$");

    private final LinkedHashMap<String, Layer> layers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Parameter> params = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final Tensor one = Tensor.vector(1.0);
    private Layer[] order = new Layer[0];
    private LossLayer lossLayer;
    private double weightDecay;

    /** Appends a layer; its parameters are keyed by {@code paramKeys} if given, else by the naming rule. */
    public Network add(String name, Layer layer, String... paramKeys) {
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
        layer.setInputGradientNeeded(!layers.isEmpty());
        layers.put(name, layer);
        order = layers.values().toArray(new Layer[0]);
        params.putAll(added);
        layer.buffers().forEach((local, tensor) -> {
            String key = key(name, local);
            if (params.containsKey(key) || buffers.containsKey(key)) {
                throw new IllegalArgumentException(
                        "Network: buffer key '" + key + "' of layer '" + name + "' is already taken");
            }
            buffers.put(key, tensor);
        });
        return this;
    }

    /** Sets the loss layer that ends the network. */
    public Network withLoss(LossLayer loss) {
        this.lossLayer = loss;
        return this;
    }

    /** Sets the L2 weight decay λ (0 turns it off). */
    public Network withWeightDecay(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("Network: weight decay must be a finite number >= 0, got " + lambda);
        }
        this.weightDecay = lambda;
        return this;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** The layers by name, in order (read-only). */
    public Map<String, Layer> layers() {
        return Collections.unmodifiableMap(layers);
    }

    /** The parameters by key, in layer order (read-only). */
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

    public LossLayer lossLayer() {
        return requireLoss();
    }

    /** Puts every layer in training mode (true) or evaluation mode (false). */
    public void setTraining(boolean training) {
        for (Layer l : order) {
            l.setTraining(training);
        }
        if (lossLayer != null) {
            lossLayer.setTraining(training);
        }
    }

    /**
     * Restarts the random draws of every stochastic layer: layer {@code i} (in order) gets a seed
     * mixed from {@code seed} and {@code i}, so that two dropout layers draw different masks. Every
     * layer is told, not only those that say {@link Layer#isStochastic()} now: a layer may say so
     * only in training, and a trainer reseeds after evaluating, in evaluation mode; the others
     * ignore it.
     */
    public void reseed(long seed) {
        for (int i = 0; i < order.length; i++) {
            order[i].reseed(SplitMix.derive(seed, i + 1));
        }
    }

    /** The scores for a batch {@code x}, computed in evaluation mode (before the loss layer); a copy. */
    public Tensor predict(Tensor x) {
        setTraining(false);
        return forward(x).copy();
    }

    /** The loss (plus weight decay) on a batch, computed in training mode. */
    public double loss(Tensor x, Tensor targets) {
        setTraining(true);
        return requireLoss().loss(forward(x), targets) + decayLoss();
    }

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
        return correct(forward(x), targets);
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
        Layer first = layers.values().iterator().next();
        first.setInputGradientNeeded(true);
        try {
            loss(x, targets);
            return backward().copy();
        } finally {
            first.setInputGradientNeeded(false);
        }
    }

    private Tensor forward(Tensor x) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Network: no layers; add some with add(name, layer)");
        }
        Tensor out = x;
        for (Layer l : order) {
            out = l.forward(out);
        }
        return out;
    }

    private Tensor backward() {
        Tensor d = requireLoss().backward(one);
        for (int i = order.length - 1; i >= 0; i--) {
            d = order[i].backward(d);
        }
        if (weightDecay != 0) {
            for (Parameter p : params.values()) {
                if (p.isWeight()) {
                    double[] g = p.grad().data();
                    double[] w = p.value().data();
                    for (int j = 0; j < g.length; j++) {
                        g[j] += weightDecay * w[j];
                    }
                }
            }
        }
        return d;
    }

    private double decayLoss() {
        if (weightDecay == 0) {
            return 0;
        }
        double sum = 0;
        for (Parameter p : params.values()) {
            if (p.isWeight()) {
                for (double w : p.value().data()) {
                    sum += w * w;
                }
            }
        }
        return 0.5 * weightDecay * sum;
    }

    private LossLayer requireLoss() {
        if (lossLayer == null) {
            throw new IllegalStateException("Network: no loss layer; set one with withLoss(...)");
        }
        return lossLayer;
    }

    private static String key(String layerName, String paramName) {
        Matcher m = NUMBERED.matcher(layerName);
        return m.matches() ? paramName + m.group(2) : layerName + "." + paramName;
    }
}

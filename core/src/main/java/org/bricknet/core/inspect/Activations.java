package org.bricknet.core.inspect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.GraphListener;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;

/**
 * The outputs of chosen nodes for a batch, copied while {@code network.predict(x)} runs (evaluation
 * mode): the data of the book's chapter 6 figures, a histogram of each hidden layer's activations.
 *
 * <p>By default the nodes are the network's hidden layers, found from its graph: every node without
 * parameters whose output goes into a node with parameters, such as {@code Relu1} before
 * {@code Affine2} (not {@code Affine1} before {@code BatchNorm1}, which has parameters itself). In
 * the book's {@code MultiLayerNet} these are the activation layers (or the dropout after them); in
 * a convolutional net, the pooling that feeds the first Affine.
 */
public final class Activations {
    private Activations() {}

    /** The names of the hidden layers of {@code network}, in running order (the rule above). */
    public static List<String> hiddenLayers(Network network) {
        Graph g = network.graph();
        Map<String, Brick> nodes = g.nodes();
        Set<String> inputs = Set.copyOf(g.inputNames());
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Brick> e : nodes.entrySet()) {
            if (e.getValue().parameters().isEmpty()) {
                continue;
            }
            for (String feeder : g.inputsOf(e.getKey())) {
                String node = feeder.contains(":") ? feeder.substring(0, feeder.indexOf(':')) : feeder;
                if (!inputs.contains(node) && nodes.get(node).parameters().isEmpty() && !out.contains(node)) {
                    out.add(node);
                }
            }
        }
        List<String> ordered = new ArrayList<>(nodes.keySet());
        ordered.retainAll(out);
        return ordered;
    }

    /** The outputs of the hidden layers for the batch {@code x}, by node name, in running order. */
    public static Map<String, Tensor> record(Network network, Tensor x) {
        return record(network, x, hiddenLayers(network));
    }

    /** The outputs (copies) of the named nodes for the batch {@code x}, in evaluation mode. */
    public static Map<String, Tensor> record(Network network, Tensor x, List<String> nodes) {
        Graph g = network.graph();
        for (String n : nodes) {
            if (!g.nodes().containsKey(n)) {
                throw new IllegalArgumentException("Activations: the network has no node '" + n + "'; its nodes are "
                        + g.nodes().keySet());
            }
        }
        Map<String, Tensor> seen = new LinkedHashMap<>();
        GraphListener listener = new GraphListener() {
            @Override
            public void forward(String name, Brick brick, Tensor[] inputs, Tensor[] outputs) {
                if (nodes.contains(name)) {
                    seen.put(name, outputs[0].copy());
                }
            }
        };
        g.addListener(listener);
        try {
            network.predict(x);
        } finally {
            g.removeListener(listener);
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (String n : g.nodes().keySet()) {
            if (seen.containsKey(n)) {
                ordered.put(n, seen.get(n));
            }
        }
        return Collections.unmodifiableMap(ordered);
    }
}

package org.bricknet.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;

/**
 * A network's state — its parameters and buffers (running statistics), keyed as in
 * {@link Network#state()} — in a safetensors file, with what rebuilds the model in
 * {@code __metadata__}: either whatever the caller writes there ({@link #save}, read back with
 * {@link #read} and {@link #loadInto}), or the network's {@link Architecture} ({@link #saveGraph}),
 * from which {@link #loadGraph} rebuilds any network of registered bricks without its code.
 * A model holds finite numbers only: a NaN or infinite value is refused on saving and on loading,
 * naming the tensor and the element, so that no command ever scores or continues such a model.
 */
public final class ModelFiles {
    /** The {@code format} in the metadata of a model file that carries its architecture. */
    public static final String GRAPH_FORMAT = "bricknet-graph-1";

    private ModelFiles() {}

    /**
     * Saves every parameter of {@code net} and the metadata, atomically; a state that is not all
     * finite is refused ({@link IllegalArgumentException}) and nothing is written.
     */
    public static void save(Path file, Network net, Map<String, String> metadata) throws IOException {
        String bad = firstNotFinite(net.state());
        if (bad != null) {
            throw new IllegalArgumentException("not saving " + file + ": the model's " + bad);
        }
        SafeTensors.save(file, net.state(), metadata);
    }

    /** The first NaN or infinite value, as {@code W1 holds NaN at element 3}, or null when all are finite. */
    public static String firstNotFinite(Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            double[] d = e.getValue().data();
            for (int i = 0; i < d.length; i++) {
                if (!Double.isFinite(d[i])) {
                    return e.getKey() + " holds " + d[i] + " at element " + i;
                }
            }
        }
        return null;
    }

    /** Reads a model file's metadata and tensors, checked for form but not yet against a network. */
    public static SafeTensors.Contents read(Path file) throws IOException {
        return SafeTensors.load(file);
    }

    /**
     * Copies the file's tensors into the state of {@code net}: the names must be exactly the
     * network's state keys, each shape must match and every value be finite; nothing is copied
     * unless all do.
     */
    public static void loadInto(Network net, SafeTensors.Contents contents, String file) throws BadFileException {
        Map<String, Tensor> tensors = contents.tensors();
        String bad = firstNotFinite(tensors);
        if (bad != null) {
            throw new BadFileException(file, "tensor " + bad + "; a model holds finite numbers only");
        }
        Map<String, Tensor> state = net.state();
        if (!tensors.keySet().equals(state.keySet())) {
            throw new BadFileException(
                    file, "holds tensors " + tensors.keySet() + " but the model has " + state.keySet());
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (!t.sameShape(e.getValue())) {
                throw new BadFileException(
                        file,
                        "tensor '" + e.getKey() + "' has shape " + t.shapeString() + " but the model's has "
                                + e.getValue().shapeString());
            }
        }
        state.forEach((k, v) -> v.copyFrom(tensors.get(k)));
    }

    /**
     * Saves a network over a graph of registered bricks ({@link Network#Network(Graph)}) with its
     * architecture in {@code __metadata__} ({@code format} {@value #GRAPH_FORMAT},
     * {@code architecture} the JSON text) and its state; a weight several bricks share is one tensor.
     * {@code extra} adds metadata of the caller's own.
     */
    public static void saveGraph(Path file, Network net, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        if (meta.containsKey("format") || meta.containsKey("architecture")) {
            throw new IllegalArgumentException(
                    "ModelFiles: 'format' and 'architecture' are written by saveGraph, not given; got "
                            + extra.keySet());
        }
        meta.put("format", GRAPH_FORMAT);
        String bad = firstNotFinite(net.state());
        if (bad != null) {
            throw new IllegalArgumentException("not saving " + file + ": the model's " + bad);
        }
        try {
            meta.put("architecture", Architecture.of(net.graph()).toJson());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "ModelFiles.saveGraph needs a network over a graph of registered bricks"
                            + " whose inputs have shapes (new Network(graph)); " + e.getMessage(),
                    e);
        }
        SafeTensors.save(file, net.state(), meta);
    }

    /** {@link #saveGraph(Path, Network, Map)} with no metadata of the caller's. */
    public static void saveGraph(Path file, Network net) throws IOException {
        saveGraph(file, net, Map.of());
    }

    /** Whether a model file's metadata carries an architecture ({@link #saveGraph}). */
    public static boolean holdsGraph(Map<String, String> metadata) {
        return GRAPH_FORMAT.equals(metadata.get("format"));
    }

    /** Reads a file written by {@link #saveGraph}, its brick types from {@link BrickRegistry#standard()}. */
    public static Network loadGraph(Path file) throws IOException {
        return loadGraph(file, BrickRegistry.standard());
    }

    /**
     * Reads a file written by {@link #saveGraph}: its architecture is read and checked, and the
     * shapes of the tensors it implies are compared with the file's, before the graph is built, so
     * that what the file makes bricknet allocate is bounded by its own size. A network of one input
     * and at most one name of targets is returned, in the state the file holds.
     */
    public static Network loadGraph(Path file, BrickRegistry registry) throws IOException {
        String name = file.toString();
        SafeTensors.Contents contents = SafeTensors.load(file);
        return loadGraph(architecture(contents, name, registry), contents, name);
    }

    /**
     * The architecture a model file read by {@link #read} carries, checked to make a network (one
     * input, at most one name of targets); {@code file} names it in messages. Nothing is built.
     */
    public static Architecture architecture(SafeTensors.Contents contents, String file, BrickRegistry registry)
            throws BadFileException {
        Map<String, String> meta = contents.metadata();
        if (!holdsGraph(meta)) {
            throw new BadFileException(
                    file,
                    "__metadata__ does not describe a graph: format is "
                            + (meta.get("format") == null ? "missing" : "'" + meta.get("format") + "'") + ", expected '"
                            + GRAPH_FORMAT + "' (a model saved with its architecture)");
        }
        String text = meta.get("architecture");
        if (text == null) {
            throw new BadFileException(file, "__metadata__ has no 'architecture'");
        }
        Architecture a = Architecture.parse(text, file + ": __metadata__ 'architecture'", registry);
        if (a.inputs().size() != 1
                || a.losses.stream().map(Architecture.Loss::target).distinct().count() > 1) {
            throw new BadFileException(
                    file,
                    "the architecture has inputs " + a.inputs().keySet()
                            + " and targets "
                            + a.losses.stream()
                                    .map(Architecture.Loss::target)
                                    .distinct()
                                    .toList()
                            + "; a network takes one input and one name of targets");
        }
        return a;
    }

    /**
     * The network of {@code a} (the {@link #architecture} of {@code contents}) in the state the file
     * holds: the tensors must be exactly those the architecture implies, by key and shape, which is
     * checked before anything is built.
     */
    public static Network loadGraph(Architecture a, SafeTensors.Contents contents, String file)
            throws BadFileException {
        requireState(a, contents.tensors(), file);
        String bad = firstNotFinite(contents.tensors());
        if (bad != null) {
            throw new BadFileException(file, "tensor " + bad + "; a model holds finite numbers only");
        }
        Graph g = a.build(new Random(0));
        g.state().forEach((k, v) -> v.copyFrom(contents.tensors().get(k)));
        return new Network(g);
    }

    /**
     * Refuses, naming the tensor, {@code held} (read from {@code file}: a model file's tensors, a
     * checkpoint's network state) unless it is exactly the state a graph of {@code a} holds, by key
     * and shape; checked before anything is built.
     */
    public static void requireState(Architecture a, Map<String, Tensor> held, String file) throws BadFileException {
        Map<String, int[]> implied = a.stateShapes();
        for (Map.Entry<String, int[]> e : implied.entrySet()) {
            Tensor t = held.get(e.getKey());
            if (t == null) {
                throw new BadFileException(
                        file,
                        "the architecture has tensor '" + e.getKey() + "' " + Tensor.shapeString(e.getValue())
                                + ", which the file does not hold");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new BadFileException(
                        file,
                        "tensor '" + e.getKey() + "' is " + t.shapeString() + " but the architecture makes it "
                                + Tensor.shapeString(e.getValue()));
            }
        }
        for (String k : held.keySet()) {
            if (!implied.containsKey(k)) {
                throw new BadFileException(file, "tensor '" + k + "' is not part of the architecture");
            }
        }
    }
}

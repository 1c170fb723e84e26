package org.bricknet.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;

/**
 * A network's state — its parameters and buffers (running statistics), keyed as in
 * {@link Network#state()} — in a safetensors file, with
 * whatever the caller needs to rebuild the model (its kind and sizes) in {@code __metadata__}.
 * A model holds finite numbers only: a NaN or infinite value is refused on saving and on loading,
 * naming the tensor and the element, so that no command ever scores or continues such a model.
 */
public final class ModelFiles {
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
}

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
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** Saves every parameter of {@code net} and the metadata, atomically. */
    public static void save(Path file, Network net, Map<String, String> metadata) throws IOException {
        SafeTensors.save(file, net.state(), metadata);
    }

    /** Reads a model file's metadata and tensors, checked for form but not yet against a network. */
    public static SafeTensors.Contents read(Path file) throws IOException {
        return SafeTensors.load(file);
    }

    /**
     * Copies the file's tensors into the state of {@code net}: the names must be exactly the
     * network's state keys and each shape must match; nothing is copied unless all do.
     */
    public static void loadInto(Network net, SafeTensors.Contents contents, String file) throws BadFileException {
        Map<String, Tensor> tensors = contents.tensors();
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

package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;

/** A model file read back: its spec and a network holding its parameters and buffers. */
record SavedModel(ModelSpec spec, Network network) {

    static SavedModel load(Path file) throws IOException {
        SafeTensors.Contents contents = ModelFiles.read(file);
        ModelSpec spec = ModelSpec.fromMetadata(contents.metadata(), file.toString());
        spec.requireParameterCount(
                contents.tensors().values().stream().mapToLong(t -> t.size()).sum(), file.toString());
        Network net = spec.build(new Random(0));
        ModelFiles.loadInto(net, contents, file.toString());
        return new SavedModel(spec, net);
    }
}

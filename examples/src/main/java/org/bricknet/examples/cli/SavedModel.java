package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;

/** A model file read back: its spec and a network holding its parameters. */
record SavedModel(ModelSpec spec, Network network) {

    static SavedModel load(Path file) throws IOException {
        SafeTensors.Contents contents = ModelFiles.read(file);
        ModelSpec spec = ModelSpec.fromMetadata(contents.metadata(), file.toString());
        spec.requireParameterCount(contents.tensors().values().stream().mapToLong(t -> t.size()).sum(), file.toString());
        Network net = spec.build(new Random(0));
        ModelFiles.loadInto(net, contents, file.toString());
        return new SavedModel(spec, net);
    }

    /** The data in the form the model takes; its input size must match. */
    Dataset input(Dataset data) {
        if (data.inputs().cols() != spec.sizes()[0]) {
            throw new IllegalArgumentException("the model takes inputs of " + spec.sizes()[0]
                    + " values, the data has " + data.inputs().cols() + " per example");
        }
        return data;
    }
}

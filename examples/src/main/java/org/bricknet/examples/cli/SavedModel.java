package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;

/**
 * A model file read back: what model it is (a built-in one, or a graph that carries its
 * architecture) and a network holding its parameters and buffers. Before anything is built the
 * file's format, its metadata, the size of its tensors against the model they describe, and the
 * memory the network needs are checked; its values must be finite.
 */
record SavedModel(ModelSource spec, Network network) {

    static SavedModel load(Path file) throws IOException {
        SafeTensors.Contents contents = ModelFiles.read(file);
        if (ModelFiles.holdsGraph(contents.metadata())) {
            return GraphModel.load(file, contents);
        }
        ModelSpec.requireFormat(contents.metadata(), file.toString());
        ModelSpec spec = ModelSpec.fromMetadata(contents.metadata(), file.toString());
        spec.requireParameterCount(
                contents.tensors().values().stream().mapToLong(t -> t.size()).sum(), file.toString());
        ModelSize.require(spec, 0, rows(spec), 1, 0, "the model in " + file + " (" + spec + ")");
        Network net = spec.build(new Random(0));
        ModelFiles.loadInto(net, contents, file.toString());
        return new SavedModel(spec, net);
    }

    /** Rows scored at a time by {@code evaluate}: fewer for the convolutional net, whose layers keep more per image. */
    static int rows(ModelSource spec) {
        if (spec instanceof GraphModel g) {
            return g.evaluationRows();
        }
        return ((ModelSpec) spec).kind() == ModelSpec.Kind.CNN ? 100 : TrainCommand.EVALUATION_ROWS;
    }

    /** {@code test} in this model's form, or an error naming the model file and what does not fit. */
    Dataset shape(Dataset test, Path file, String data) {
        try {
            return spec.shape(test);
        } catch (IllegalArgumentException e) {
            throw new CliException("the model in " + file + " (" + spec + ") does not fit the test data of " + data
                    + ": " + e.getMessage());
        }
    }
}

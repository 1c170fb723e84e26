package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.examples.plots.WeightsPicture;

/**
 * The model a command trains, scores or checks: one of the built-in kinds ({@link ModelSpec}) or a
 * graph written as an architecture ({@link GraphModel}). What the commands ask of either is here:
 * the classes it tells apart, the data in its form, how a trained network of it is saved, how
 * its first layer is drawn and how much it keeps per example. The default methods are the built-in models' ways; {@link GraphModel}
 * overrides each. {@link #toString()} names the model in messages.
 */
sealed interface ModelSource permits ModelSpec, GraphModel {
    /** The classes the model tells apart: the width of its scores. */
    int classes();

    /**
     * The data in the form the model takes; data it cannot take is an
     * {@link IllegalArgumentException} saying what the model takes, what the data holds and how to
     * make them fit.
     */
    Dataset shape(Dataset data);

    /** Saves a trained network of this model to {@code file}, with what rebuilds it in its metadata. */
    default void save(Path file, Network net) throws IOException {
        ModelFiles.save(file, net, ((ModelSpec) this).metadata());
    }

    /**
     * The picture {@code --plot-weights} draws of a network of this model (its first layer's
     * weights); a model whose first layer cannot be drawn as images is refused, saying why.
     */
    default WeightsPicture weightsPicture() {
        return RunOutputs.weightsPicture((ModelSpec) this);
    }

    /**
     * Refuses, saying what it needs, a run whose network would not fit the heap: its state with
     * {@code optimizerSlots} values of optimizer state per parameter, its layers at {@code batch}
     * examples in training and {@code evaluationRows} in scoring of {@code scoredSets} data sets.
     * {@code what} says what the run is.
     */
    default void requireMemory(long batch, long evaluationRows, int scoredSets, int optimizerSlots, String what) {
        ModelSize.require((ModelSpec) this, batch, evaluationRows, scoredSets, optimizerSlots, what);
    }

    /** The values a network of this model keeps per example when it scores, for what recording activations needs. */
    default long scoringValuesPerExample() {
        return ModelSize.perExample((ModelSpec) this, false);
    }
}

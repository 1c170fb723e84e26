package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.ModelFiles;

/**
 * The model a command trains, scores or checks: one of the built-in kinds ({@link ModelSpec}) or a
 * graph written as an architecture ({@link GraphModel}). What the commands ask of either is here:
 * the classes it tells apart, the data in its form, how a trained network of it is saved and how
 * its first layer is drawn. The default methods are the built-in models' ways; {@link GraphModel}
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

    /** Why {@code --plot-weights} cannot draw this model's first layer, or null when it can. */
    default String firstLayerRefusal() {
        return Plots.firstLayerRefusal((ModelSpec) this);
    }

    /** Draws the first layer's weights of a network of this model into the PNG {@code file}. */
    default void drawFirstLayer(Network net, Path file) throws IOException {
        Plots.firstLayer(net, (ModelSpec) this, file);
    }
}

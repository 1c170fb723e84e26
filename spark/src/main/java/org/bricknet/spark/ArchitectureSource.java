package org.bricknet.spark;

import java.util.Objects;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;

/**
 * A {@link NetworkSource} for a graph written as an architecture ({@link Architecture}): each call
 * parses the JSON text and builds {@code new Network(architecture.build(new Random(seed)))}, the
 * network {@code bricknet.jar train --architecture} trains for the same seed. Only the text and the
 * seed are serialized to the executors, which name the brick types from their own
 * {@link org.bricknet.core.io.BrickRegistry#standard()}; weight decay is the driver's (set it on the
 * driver's network with {@link Network#withWeightDecay}).
 *
 * <pre>{@code
 * NetworkSource source = ArchitectureSource.of(Architecture.read(Path.of("net.json")), 42);
 * Network net = source.build().withWeightDecay(1e-4);
 * new SparkNetworkFunction(net, source, trainSet);
 * }</pre>
 *
 * @param json the architecture's JSON text, checked here by parsing it once
 * @param seed the seed of the weights' {@link Random}
 */
public record ArchitectureSource(String json, long seed) implements NetworkSource {
    private static final String WHERE = "the architecture of an ArchitectureSource";

    /** Checks that {@code json} is an architecture (its graph is built on each call of {@link #build}). */
    public ArchitectureSource {
        Objects.requireNonNull(json, "ArchitectureSource: expected the JSON text of an architecture, got null");
        parse(json);
    }

    /** The source of {@code architecture}'s graph, weights drawn from {@code seed}. */
    public static ArchitectureSource of(Architecture architecture, long seed) {
        return new ArchitectureSource(architecture.toJson(), seed);
    }

    @Override
    public Network build() {
        return new Network(parse(json).build(new Random(seed)));
    }

    private static Architecture parse(String json) {
        try {
            return Architecture.parse(json, WHERE);
        } catch (BadFileException e) {
            throw new IllegalArgumentException("ArchitectureSource: " + e.getMessage(), e);
        }
    }
}

package org.bricknet.examples.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.Network;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Architecture;
import org.bricknet.examples.Datasets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The architectures shipped in {@code examples/architectures}: each is written as the writer writes
 * it, builds, takes the embedded digits, and passes the gradient check, whole and node by node, on
 * two of them in the sampled modes (every element of every tensor is {@code TrainArchitecture}'s and
 * the README's measurement, minutes long).
 */
class ShippedArchitecturesTest {
    private static final Path DIR = Path.of("architectures");

    private static Dataset twoDigits(Architecture a) {
        Dataset d = Datasets.mnist10k().test().slice(0, 2);
        int[] shape = a.inputs().values().iterator().next();
        return shape.length == 3 ? d.asImages(shape[0], shape[1], shape[2]) : d.flat();
    }

    @ParameterizedTest
    @ValueSource(strings = {"residual-mlp.json", "branching-cnn.json"})
    void isCanonicalBuildsAndTakesTheDigits(String file) throws Exception {
        Path f = DIR.resolve(file);
        Architecture a = Architecture.read(f);
        assertEquals(Files.readString(f), a.toJson(), "written as the writer writes it");
        assertTrue(a.training().isPresent());
        Network net = new Network(a.build(new Random(1)));
        Dataset d = twoDigits(a);
        assertArrayEquals(new int[] {2, 10}, net.predict(d.inputs()).shape());
        // written from the graph: the same, but for the block, named after the first node that uses it,
        // and its input's shape, which the graph of each use declares
        assertEquals(
                a.toJson()
                        .replace("\"residual\"", "\"res1\"")
                        .replace("[{\"name\": \"in\"}]", "[{\"name\": \"in\", \"shape\": [256]}]"),
                Architecture.of(net.graph())
                        .withTraining(a.training().orElseThrow())
                        .toJson());
    }

    @ParameterizedTest
    @ValueSource(strings = {"residual-mlp.json", "branching-cnn.json"})
    void passesTheGradientCheckInTheSampledModes(String file) throws Exception {
        Architecture a = Architecture.read(DIR.resolve(file));
        Dataset d = twoDigits(a);
        for (CheckMode mode : List.of(CheckMode.directions(4, 1), CheckMode.subset(3, 1))) {
            Graph g = a.build(new Random(2));
            GradientReport r = GradientCheck.graph(g, d.inputs(), d.targets(), mode, Tolerance.DEFAULT);
            assertTrue(r.passed(), r::toString);
            assertTrue(r.rows().stream().anyMatch(row -> row.name().startsWith("[")), "node by node");
        }
    }

    @org.junit.jupiter.api.Test
    void theResidualBlockIsAffineBatchNormReluAffineAdd() throws Exception {
        Graph g = Architecture.read(DIR.resolve("residual-mlp.json")).build(new Random(1));
        Graph block = (Graph) g.nodes().get("res1");
        assertEquals(
                List.of("Affine", "BatchNormalization", "Relu", "Affine", "Add"),
                block.nodes().values().stream().map(b -> b.typeName()).toList());
        assertEquals(List.of("in", "fc2"), block.inputsOf("add"));
    }
}

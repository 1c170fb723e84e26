package org.bricknet.examples.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BrickRegistry;
import org.bricknet.core.io.BrickType;
import org.junit.jupiter.api.Test;

/**
 * Every brick and loss of the library has a registered type, and each type says truly what its
 * bricks hold: for a sample of settings and input shape, the parameter and buffer shapes it declares
 * are those of the brick a graph builds, and the settings read back from that brick are the ones
 * it was made from.
 */
class BrickTypesTest {
    /** Settings (JSON) and the shape of one example, for every library type. */
    private static final Map<String, Object[]> SAMPLES = new LinkedHashMap<>();

    static {
        sample("Affine", "{\"out\": 3, \"init\": \"xavier\"}", 2, 2);
        sample(
                "Convolution",
                "{\"filters\": 3, \"kernel\": [3, 2], \"stride\": 2, \"pad\": 1, \"init\": \"0.5\"}",
                2,
                5,
                5);
        sample("BatchNormalization", "{\"momentum\": 0.8, \"eps\": 1.0E-5}", 3, 2, 2);
        sample("MaxPooling", "{\"window\": [2, 3], \"stride\": 1, \"pad\": 1}", 1, 4, 4);
        sample("AvgPooling", "{\"window\": [2, 2], \"stride\": 2, \"pad\": 0}", 1, 4, 4);
        sample("Dropout", "{\"ratio\": 0.25}", 4);
        sample("LeakyRelu", "{\"slope\": 0.2}", 4);
        sample("Split", "{\"sizes\": [1, 3]}", 4);
        for (String plain : List.of("Relu", "Sigmoid", "Tanh", "Softmax", "Flatten", "Add", "Concat")) {
            sample(plain, "{}", 3);
        }
        sample("Multiply", "{}", 3);
        sample("MulLayer", "{}", 1);
        sample("AddLayer", "{}", 1);
        for (String loss : List.of("SoftmaxWithLoss", "SigmoidWithLoss", "MeanSquaredError")) {
            sample(loss, "{}", 3);
        }
    }

    private static void sample(String type, String settings, int... example) {
        SAMPLES.put(type, new Object[] {settings, example});
    }

    @Test
    void everyBrickOfTheLibraryHasAType() {
        Set<String> bricks = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.bricknet.layers", "org.bricknet.losses")) {
            if (c.isAssignableTo(Brick.class)
                    && !c.isInterface()
                    && c.getModifiers().contains(JavaModifier.PUBLIC)) {
                bricks.add(c.getSimpleName());
            }
        }
        Set<String> typed = new TreeSet<>();
        for (String name : BrickRegistry.standard().names()) {
            String module = BrickRegistry.standard().type(name).brickClass().getPackageName();
            if (module.equals("org.bricknet.layers") || module.equals("org.bricknet.losses")) {
                typed.add(BrickRegistry.standard().type(name).brickClass().getSimpleName());
            }
        }
        assertTrue(bricks.size() >= 21, bricks::toString);
        assertEquals(bricks, typed);
        assertEquals(typed, new TreeSet<>(SAMPLES.keySet()), "a sample for every type");
    }

    @Test
    void eachTypeDeclaresWhatItsBricksHoldAndDescribesThemAsMade() throws Exception {
        for (Map.Entry<String, Object[]> e : SAMPLES.entrySet()) {
            String name = e.getKey();
            BrickType<?> type = BrickRegistry.standard().type(name);
            int[] example = (int[]) e.getValue()[1];
            Architecture a = Architecture.parse(oneNode(type, (String) e.getValue()[0], example), name);
            Graph g = a.build(new Random(1));
            Map<String, int[]> declared = a.stateShapes();
            assertEquals(List.copyOf(declared.keySet()), List.copyOf(g.state().keySet()), name);
            g.state().forEach((k, t) -> assertArrayEquals(declared.get(k), t.shape(), name + " " + k));
            Brick made = type.isLoss() ? g.losses().get("b") : g.nodes().get("b");
            assertEquals(
                    Architecture.parse(oneNode(type, (String) e.getValue()[0], example), name)
                            .toJson(),
                    Architecture.of(g).toJson(),
                    name);
            assertEquals(made.getClass(), type.brickClass(), name);
            assertEquals(type.settingsOf(made), type.settingsOf(type.create(type.settingsOf(made))), name);
            Tensor x = Tensor.uniform(new Random(2), 0.1, 1, withBatch(1, example));
            Tensor[] out = g.forward(new Tensor[] {x});
            assertArrayEquals(withBatch(1, g.exampleShape(g.outputNames().get(0))), out[0].shape(), name);
        }
    }

    /** An architecture of one brick of {@code type} (a loss on its input, or a node taking it once or twice). */
    private static String oneNode(BrickType<?> type, String settings, int[] example) {
        String shape = java.util.Arrays.toString(example);
        String input = "\"inputs\": [{\"name\": \"x\", \"shape\": " + shape + "}]";
        if (type.isLoss()) {
            return "{" + input + ", \"nodes\": [{\"name\": \"n\", \"type\": \"Tanh\", \"takes\": [\"x\"]}], \"losses\":"
                    + " [{\"name\": \"b\", \"type\": \"" + type.name() + "\", \"settings\": " + settings
                    + ", \"scores\": \"n\"}]}";
        }
        int inputs = type.name().equals("Multiply") || type.name().endsWith("Layer") ? 2 : 1;
        String takes = inputs == 2 ? "[\"x\", \"x\"]" : "[\"x\"]";
        String outputs = type.name().equals("Split") ? "[\"b:0\", \"b:1\"]" : "[\"b\"]";
        return "{" + input + ", \"nodes\": [{\"name\": \"b\", \"type\": \"" + type.name() + "\", \"settings\": "
                + settings + ", \"takes\": " + takes + "}], \"outputs\": " + outputs + "}";
    }

    private static int[] withBatch(int n, int[] example) {
        int[] s = new int[example.length + 1];
        s[0] = n;
        System.arraycopy(example, 0, s, 1, example.length);
        return s;
    }
}

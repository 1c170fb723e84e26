package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.TestLayers.MatMul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    private static Network net(int d, long seed) {
        return new Network().add("Mat1", new MatMul(Tensor.randn(new Random(seed), 1.0, d, d), MatMul.Mistake.NONE));
    }

    @Test
    void aLoadedNetworkPredictsExactlyTheSame() throws IOException {
        Network a = net(4, 1);
        Path f = dir.resolve("a.safetensors");
        ModelFiles.save(f, a, Map.of("model", "test"));
        Network b = net(4, 2);
        ModelFiles.loadInto(b, ModelFiles.read(f), f.toString());
        Tensor x = Tensor.randn(new Random(3), 1.0, 5, 4);
        assertArrayEquals(a.predict(x).data(), b.predict(x).data());
    }

    @Test
    void aFileOfAnotherShapeIsRefusedAndChangesNothing() throws IOException {
        Path f = dir.resolve("a.safetensors");
        ModelFiles.save(f, net(4, 1), Map.of());
        Network other = net(3, 2);
        double[] before = other.parameters().get("W1").value().data().clone();
        BadFileException e = assertThrows(
                BadFileException.class, () -> ModelFiles.loadInto(other, ModelFiles.read(f), f.toString()));
        assertTrue(e.getMessage().contains("tensor 'W1' has shape (4, 4) but the model's has (3, 3)"), e.getMessage());
        assertArrayEquals(before, other.parameters().get("W1").value().data());
    }

    @Test
    void aNonFiniteValueIsRefusedOnSavingAndOnLoadingNamingTheTensor() throws IOException {
        Path f = dir.resolve("nan.safetensors");
        Network a = net(4, 1);
        double[] w = a.state().values().iterator().next().data();
        String key = a.state().keySet().iterator().next();
        w[5] = Double.NaN;
        IllegalArgumentException save =
                assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(f, a, Map.of()));
        org.junit.jupiter.api.Assertions.assertEquals(
                "not saving " + f + ": the model's " + key + " holds NaN at element 5", save.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(f));
        // a file written by something else
        SafeTensors.save(f, a.state(), Map.of());
        w[5] = Double.NEGATIVE_INFINITY;
        SafeTensors.save(dir.resolve("inf.safetensors"), a.state(), Map.of());
        Network b = net(4, 2);
        double[] before = b.state().get(key).data().clone();
        BadFileException nan =
                assertThrows(BadFileException.class, () -> ModelFiles.loadInto(b, ModelFiles.read(f), f.toString()));
        org.junit.jupiter.api.Assertions.assertEquals(
                f + ": tensor " + key + " holds NaN at element 5; a model holds finite numbers only", nan.getMessage());
        Path inf = dir.resolve("inf.safetensors");
        assertTrue(
                assertThrows(BadFileException.class, () -> ModelFiles.loadInto(b, ModelFiles.read(inf), inf.toString()))
                        .getMessage()
                        .contains("holds -Infinity at element 5"));
        assertArrayEquals(before, b.state().get(key).data(), 0.0);
    }
}

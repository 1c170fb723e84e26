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
}

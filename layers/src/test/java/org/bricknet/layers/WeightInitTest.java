package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

class WeightInitTest {

    @Test
    void standardDeviationsFollowTheFanIn() {
        assertEquals(0.01, WeightInit.gaussian(0.01).std(784), 0);
        assertEquals(Math.sqrt(1.0 / 784), WeightInit.xavier().std(784), 1e-17);
        assertEquals(Math.sqrt(2.0 / 784), WeightInit.he().std(784), 1e-17);
        assertEquals(0.5, WeightInit.he().std(8), 1e-17); // √(2/8)
    }

    @Test
    void parsesNamesAndNumbers() {
        assertEquals("he", WeightInit.parse("He").toString());
        assertEquals("he", WeightInit.parse("relu").toString());
        assertEquals("xavier", WeightInit.parse("glorot").toString());
        assertEquals("xavier", WeightInit.parse(" sigmoid ").toString());
        assertEquals(0.01, WeightInit.parse("0.01").std(100), 0);
    }

    @Test
    void unknownNamesListTheValidChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightInit.parse("lecun"));
        assertEquals(
                "WeightInit: unknown initialisation 'lecun'; valid choices: he (or relu), "
                        + "xavier (or glorot, sigmoid), or a standard deviation such as 0.01",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightInit.parse("-1"));
        assertEquals("WeightInit: standard deviation must be a finite number > 0, got -1.0", e.getMessage());
    }

    @Test
    void affineDrawsItsWeightsWithTheFanInAsInput() {
        Affine affine = new Affine(50, 10, WeightInit.xavier(), new Random(3));
        Tensor expected = Tensor.randn(new Random(3), Math.sqrt(1.0 / 50), 50, 10);
        assertArrayEquals(expected.data(), affine.weights().value().data());
        assertArrayEquals(new double[10], affine.bias().value().data());
    }

    @Test
    void sameSeedSameWeights() {
        WeightInit he = WeightInit.parse("he");
        assertArrayEquals(
                he.sample(new Random(5), 9, 3, 3).data(),
                he.sample(new Random(5), 9, 3, 3).data());
    }
}

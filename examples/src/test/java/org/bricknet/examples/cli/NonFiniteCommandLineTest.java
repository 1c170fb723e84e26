package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing that is not finite passes: a model file holding NaN or Inf is refused on load with the
 * tensor named (evaluate and predict printed 10.55% and NaN probabilities with exit 0); training
 * by L-BFGS that ends in NaN exits 1 and saves nothing; a loss that is not finite before the first
 * step says so instead of blaming the learning rate.
 */
class NonFiniteCommandLineTest {
    @TempDir
    Path dir;

    /** A two-layer model file as {@code train --save} writes it, with one value replaced. */
    private Path model(String tensor, int element, double value) throws Exception {
        ModelSpec spec = ModelSpec.of(ModelSpec.Kind.TWO_LAYER, new int[] {1, 28, 28}, new int[] {10}, 10);
        Map<String, Tensor> state =
                new LinkedHashMap<>(spec.build(new Random(1)).state());
        state.get(tensor).data()[element] = value;
        Path f = dir.resolve(tensor + "-" + value + ".safetensors");
        SafeTensors.save(f, state, spec.metadata());
        return f;
    }

    @Test
    void evaluateAndPredictRefuseAModelHoldingNaNOrInfinity() throws Exception {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Path f = model("W2", 3, bad);
            for (String cmd : new String[] {"evaluate", "predict"}) {
                CommandLineTest.Run r = run(cmd, "--model", f.toString());
                assertEquals(1, r.code(), r.out());
                assertEquals(
                        "bricknet: " + f + ": tensor W2 holds " + bad
                                + " at element 3; a model holds finite numbers only",
                        r.err().strip());
                assertFalse(r.out().contains("accuracy") || r.out().contains("predicted"), r.out());
            }
        }
    }

    @Test
    void lbfgsEndingInNaNExitsOneAndSavesNothing() {
        Path m = dir.resolve("m.safetensors");
        CommandLineTest.Run r = run(
                "train",
                "--optimizer",
                "lbfgs",
                "--model",
                "mlp",
                "--hidden",
                "10",
                "--init",
                "1e300",
                "--epochs",
                "3",
                "--save",
                m.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(
                r.err().startsWith("bricknet: L-BFGS cannot start: the loss is NaN at the initial parameters"),
                r.err());
        assertFalse(Files.exists(m), "nothing saved");
    }

    @Test
    void aLossNotFiniteBeforeTheFirstStepIsNotBlamedOnTheLearningRate() {
        Path m = dir.resolve("m.safetensors");
        CommandLineTest.Run r = run(
                "train",
                "--model",
                "mlp",
                "--hidden",
                "10",
                "--init",
                "1e300",
                "--epochs",
                "1",
                "--save",
                m.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(
                r.err().startsWith("bricknet: Training cannot start: the loss is NaN before the first step"), r.err());
        assertTrue(r.err().contains("no learning rate is to blame"), r.err());
        assertFalse(r.err().contains("lower learning rate"), r.err());
        assertFalse(Files.exists(m), "nothing trained, nothing saved");
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}

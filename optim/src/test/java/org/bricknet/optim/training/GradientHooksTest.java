package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Test;

/** Gradient clipping by hand, its place in the trainer's step, and the gradient norms it records. */
class GradientHooksTest {
    private static final Dataset TRAIN = Blobs.of(50, new Random(1));

    private static Map<String, Parameter> gradients(double[]... grads) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        for (int i = 0; i < grads.length; i++) {
            Parameter p = new Parameter("W", Tensor.zeros(grads[i].length));
            p.grad().copyFrom(Tensor.vector(grads[i]));
            m.put("W" + (i + 1), p);
        }
        return m;
    }

    @Test
    void byNormScalesEveryGradientTogether() {
        // ‖(3, 4) ++ (12)‖ = 13 > 6.5: everything times 6.5 / (13 + 1e-6)
        Map<String, Parameter> g = gradients(new double[] {3, 4}, new double[] {12});
        GradientClipping c = GradientClipping.byNorm(6.5);
        c.afterBackprop(1, 1, g);
        double s = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * s, 4 * s}, g.get("W1").grad().data(), 1e-15);
        assertArrayEquals(new double[] {12 * s}, g.get("W2").grad().data(), 1e-15);
        // within the norm: untouched
        Map<String, Parameter> small = gradients(new double[] {0.3, 0.4});
        c.afterBackprop(1, 2, small);
        assertArrayEquals(new double[] {0.3, 0.4}, small.get("W1").grad().data());
        assertEquals(1, c.clippedSteps());
    }

    @Test
    void byValueClampsEachElement() {
        Map<String, Parameter> g = gradients(new double[] {-3, 0.5, 2}, new double[] {-0.2});
        GradientClipping c = GradientClipping.byValue(1);
        c.afterBackprop(1, 1, g);
        assertArrayEquals(new double[] {-1, 0.5, 1}, g.get("W1").grad().data());
        assertArrayEquals(new double[] {-0.2}, g.get("W2").grad().data());
        assertEquals(1, c.clippedSteps());
    }

    @Test
    void theTrainerClipsAfterTheDivergenceCheckAndBeforeTheStep() {
        List<Double> seenNorms = new ArrayList<>();
        GradientHook norm = (epoch, it, params) -> {
            double sq = 0;
            for (Parameter p : params.values()) {
                sq += p.grad().multiply(p.grad()).sum();
            }
            seenNorms.add(Math.sqrt(sq));
        };
        Recording opt = new Recording(new Sgd(0.5));
        new Trainer(Blobs.network(0), opt)
                .epochs(2)
                .batchSize(10)
                .quiet()
                .clipGradients(GradientClipping.byNorm(0.01))
                .withGradientHook(norm)
                .fit(TRAIN);
        assertEquals(opt.calls, seenNorms.size());
        seenNorms.forEach(n -> assertTrue(n <= 0.01 + 1e-12, "norm after clipping " + n));
    }

    @Test
    void gradientNormsAreAveragedPerEpochAndKeyed() {
        GradientNorms norms = new GradientNorms();
        norms.afterBackprop(1, 1, gradients(new double[] {3, 4}, new double[] {1}));
        norms.afterBackprop(1, 2, gradients(new double[] {0, 1}, new double[] {3}));
        norms.afterBackprop(2, 1, gradients(new double[] {6, 8}, new double[] {0}));
        assertEquals(List.of(1, 2), norms.epochs());
        assertArrayEquals(new double[] {3, 10}, norms.perEpoch().get("W1"));
        assertArrayEquals(new double[] {2, 0}, norms.perEpoch().get("W2"));
        assertEquals(List.of("W1", "W2"), List.copyOf(norms.perEpoch().keySet()));

        GradientNorms trained = new GradientNorms();
        new Trainer(Blobs.network(0), new Sgd(0.1))
                .epochs(3)
                .quiet()
                .watchGradients(trained)
                .fit(TRAIN);
        assertEquals(List.of(1, 2, 3), trained.epochs());
        assertEquals(
                List.of("W1", "b1", "W2", "b2"), List.copyOf(trained.perEpoch().keySet()));
        trained.perEpoch().values().forEach(v -> assertTrue(v.length == 3 && v[0] > 0));
    }

    @Test
    void impossibleLimitsAreOneLineErrors() {
        assertEquals(
                "GradientClipping.byNorm: expected a maximum norm that is finite and > 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(-1))
                        .getMessage());
        assertEquals(
                "GradientClipping.byValue: expected a limit that is finite and > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(Double.NaN))
                        .getMessage());
        assertEquals(
                "clipping 'norm:abc': 'abc' is not a number",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.parse("norm:abc"))
                        .getMessage());
        assertEquals(
                "clipping 'size:3': expected norm:MAX or value:LIMIT",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.parse("size:3"))
                        .getMessage());
        assertEquals(
                "clipping 'norm:-5': expected a maximum norm that is finite and > 0, got -5.0",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.parse("norm:-5"))
                        .getMessage());
        assertEquals(
                "clipping 'value:NaN': expected a limit that is finite and > 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> GradientClipping.parse("value:NaN"))
                        .getMessage());
        assertEquals(
                "clipping by value 0.5", GradientClipping.parse("value:0.5").toString());
    }
}

package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.Tensor;
import org.bricknet.core.inspect.TensorStats;
import org.bricknet.core.io.Mnist;
import org.bricknet.layers.WeightInit;
import org.bricknet.optim.training.GradientNorms;
import org.junit.jupiter.api.Test;

/** What the teaching demos claim holds on the embedded digits: the pictures show real effects. */
class TeachingDemosTest {

    @Test
    void theInitialisationDecidesWhereTheSigmoidActivationsLie() {
        Tensor x = Datasets.mnist10k().train().slice(0, 200).inputs();
        Map<String, WeightInit> inits = new LinkedHashMap<>();
        inits.put("1", WeightInit.gaussian(1));
        inits.put("0.01", WeightInit.gaussian(0.01));
        inits.put("xavier", WeightInit.xavier());
        Map<String, Map<String, Tensor>> rows = InitialisationDemo.activations(x, Activation.SIGMOID, inits, 42);
        assertEquals(
                List.of("Sigmoid1", "Sigmoid2", "Sigmoid3", "Sigmoid4", "Sigmoid5"),
                List.copyOf(rows.get("1").keySet()));
        Tensor last = rows.get("1").get("Sigmoid5");
        long ends = java.util.Arrays.stream(last.data())
                .filter(v -> v < 0.05 || v > 0.95)
                .count();
        double saturated = ends / (double) last.size();
        assertTrue(saturated > 0.5, "N(0, 1): most units at 0 or 1, " + saturated);
        assertTrue(TensorStats.of(rows.get("0.01").get("Sigmoid5")).std() < 0.02, "N(0, 0.01²): all near 0.5");
        double xavier = TensorStats.of(rows.get("xavier").get("Sigmoid5")).std();
        assertTrue(xavier > 0.05 && xavier < 0.3, "Xavier: spread, " + xavier);
    }

    @Test
    void theFirstLayersOfADeepSigmoidNetworkLearnSlowest() {
        Mnist.Split d = Datasets.mnist10k();
        GradientNorms norms = VanishingGradientDemo.run(
                new Mnist.Split(d.train().slice(0, 1000), d.test().slice(0, 100)), 2, 42);
        double[] b1 = norms.perEpoch().get("b1");
        double[] b4 = norms.perEpoch().get("b4");
        assertEquals(2, b1.length);
        assertTrue(b1[1] < b4[1] / 2, "‖δ1‖ " + b1[1] + " against ‖δ4‖ " + b4[1]);
    }
}

package org.bricknet.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/** Two steps of each rule on a one-element parameter, worked by hand: w = 1, g = 2 then g = 1, η = 0.1. */
class HandWorkedStepsTest {
    private static final double TOL = 1e-12;

    private final Parameter p = new Parameter("w", Tensor.vector(1.0));
    private final Map<String, Parameter> params = Map.of("w", p);

    private double stepWith(Optimizer opt, double g) {
        p.grad().data()[0] = g;
        opt.step(params);
        return p.value().data()[0];
    }

    @Test
    void sgd() {
        Optimizer opt = new Sgd(0.1);
        assertEquals(0.8, stepWith(opt, 2), TOL); // 1 − 0.1·2
        assertEquals(0.7, stepWith(opt, 1), TOL); // 0.8 − 0.1·1
    }

    @Test
    void sgdOnAVector() {
        Parameter q = new Parameter("q", Tensor.vector(1, -2));
        q.grad().copyFrom(Tensor.vector(0.5, -1));
        new Sgd(0.1).step(Map.of("q", q));
        assertArrayEquals(new double[] {0.95, -1.9}, q.value().data(), TOL);
    }

    @Test
    void momentum() {
        Optimizer opt = new Momentum(0.1);
        assertEquals(0.8, stepWith(opt, 2), TOL); // v = 0.9·0 − 0.1·2 = −0.2; w = 1 − 0.2
        assertEquals(0.52, stepWith(opt, 1), TOL); // v = 0.9·(−0.2) − 0.1·1 = −0.28; w = 0.8 − 0.28
    }

    @Test
    void nesterov() {
        Optimizer opt = new Nesterov(0.1);
        // v = −0.2; w = 1 + 0.81·(−0.2) − 1.9·0.1·2 = 1 − 0.162 − 0.38
        assertEquals(0.458, stepWith(opt, 2), TOL);
        // v = 0.9·(−0.2) − 0.1 = −0.28; w = 0.458 + 0.81·(−0.28) − 0.19 = 0.458 − 0.2268 − 0.19
        assertEquals(0.0412, stepWith(opt, 1), TOL);
    }

    @Test
    void adaGrad() {
        Optimizer opt = new AdaGrad(0.1);
        // h = 4; w = 1 − 0.1·2/(2 + 1e-7) = 1 − 0.1/(1 + 5e-8) ≈ 1 − 0.1 + 5e-9
        assertEquals(0.9000000049999998, stepWith(opt, 2), TOL);
        // h = 5; w −= 0.1/(√5 + 1e-7) = 0.1/2.23606808 = 0.04472135
        assertEquals(0.8552786474500039, stepWith(opt, 1), TOL);
    }

    @Test
    void adaGradLeavesAnElementWithZeroGradientsAlone() {
        Optimizer opt = new AdaGrad(0.1);
        assertEquals(1.0, stepWith(opt, 0), 0.0); // h = 0: 0/(0 + 1e-7) = 0, not 0/0
    }

    @Test
    void rmsProp() {
        Optimizer opt = new RmsProp(0.1);
        // h = 0.99·0 + 0.01·4 = 0.04, √h = 0.2; w = 1 − 0.1·2/(0.2 + 1e-7) = 1 − 0.9999995
        assertEquals(4.999997500476638e-7, stepWith(opt, 2), TOL);
        // h = 0.99·0.04 + 0.01·1 = 0.0496, √h = 0.22271057; w −= 0.1/0.22271067 = 0.44901305
        assertEquals(-0.4490125534543745, stepWith(opt, 1), TOL);
    }

    @Test
    void adam() {
        Optimizer opt = new Adam(0.1);
        // t = 1: m = 0.1·2 = 0.2; v = 0.001·4 = 0.004; η_1 = 0.1·√0.001/0.1 = 0.0316228;
        // w = 1 − 0.0316228·0.2/(0.0632456 + 1e-7) = 1 − 0.1·(1 − 1.58e-6)
        assertEquals(0.900000158113633, stepWith(opt, 1 + 1), TOL);
        // t = 2: m = 0.2 + 0.1·(1 − 0.2) = 0.28; v = 0.004 + 0.001·(1 − 0.004) = 0.004996;
        // η_2 = 0.1·√(1 − 0.999²)/(1 − 0.9²) = 0.1·0.0447102/0.19 = 0.0235317;
        // w −= 0.0235317·0.28/(0.0706824 + 1e-7) = 0.0932178
        assertEquals(0.8067823261151785, stepWith(opt, 1), TOL);
    }

    @Test
    void adamWDecaysWeightsButNotBiases() {
        Parameter weight = new Parameter("W", Tensor.matrix(new double[][] {{1.0}}));
        Parameter bias = new Parameter("b", Tensor.vector(1.0));
        weight.grad().fill(2);
        bias.grad().fill(2);
        Map<String, Parameter> both = new LinkedHashMap<>();
        both.put("W", weight);
        both.put("b", bias);
        new AdamW(0.1, 0.5).step(both);
        // W = 1·(1 − 0.1·0.5) = 0.95, then Adam's first step −0.0999998 (as above)
        assertEquals(0.8500001581136329, weight.value().data()[0], TOL);
        // b: Adam's first step only
        assertEquals(0.900000158113633, bias.value().data()[0], TOL);
    }

    @Test
    void adamWithZeroGradientsShrinksWeightsGeometrically() {
        Parameter weight = new Parameter("W", Tensor.matrix(new double[][] {{3.0, -2.0}}));
        Optimizer opt = new AdamW(0.01, 0.1);
        for (int k = 0; k < 50; k++) {
            opt.step(Map.of("W", weight));
        }
        // m = v = 0 so Adam moves nothing; decay: w_50 = w_0·(1 − 0.001)^50 = w_0·0.951217
        double f = Math.pow(0.999, 50);
        assertArrayEquals(new double[] {3 * f, -2 * f}, weight.value().data(), TOL);
    }
}

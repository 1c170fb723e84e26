package org.bricknet.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.L2Decay;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Two steps of each rule on a one-element parameter, worked by hand: w = 1, g = 2 then g = 1,
 * η = 0.1, in each convention (the book's and PyTorch's) where they differ.
 */
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
        // w moves with the velocity before this step: w = 1 + 0.81·0 − 1.9·0.1·2 = 1 − 0.38; then v = −0.2
        assertEquals(0.62, stepWith(opt, 2), TOL);
        // w = 0.62 + 0.81·(−0.2) − 1.9·0.1·1 = 0.62 − 0.162 − 0.19; then v = 0.9·(−0.2) − 0.1 = −0.28
        assertEquals(0.268, stepWith(opt, 1), TOL);
        // third step, g = 0: w = 0.268 + 0.81·(−0.28) = 0.268 − 0.2268
        assertEquals(0.0412, stepWith(opt, 0), TOL);
    }

    @Test
    void nesterovWithAnotherMomentum() {
        Optimizer opt = new Nesterov(0.1, 0.5);
        // w = 1 − 1.5·0.1·2 = 0.7; v = −0.2
        assertEquals(0.7, stepWith(opt, 2), TOL);
        // w = 0.7 + 0.25·(−0.2) − 1.5·0.1·1 = 0.7 − 0.05 − 0.15
        assertEquals(0.5, stepWith(opt, 1), TOL);
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
    void adaGradWithPyTorchsEpsilon() {
        Optimizer opt = AdaGrad.pytorch(0.1);
        // h = 4; w = 1 − 0.1·2/(2 + 1e-10) = 1 − 0.1·(1 − 5e-11)
        assertEquals(0.900000000005, stepWith(opt, 2), TOL);
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
    void rmsPropWithPyTorchsEpsilon() {
        p.value().data()[0] = 1.0;
        // η = 0.01: h = 0.04, √h = 0.2; w = 1 − 0.01·2/(0.2 + 1e-8) = 1 − 0.1/(1 + 5e-8) = 0.9 + 5e-9
        assertEquals(0.900000005, stepWith(RmsProp.pytorch(0.01), 2), TOL);
        // the book's ε = 1e-7 on the same step: 1 − 0.1/(1 + 5e-7) = 0.9 + 5e-8
        p.value().data()[0] = 1.0;
        assertEquals(0.90000005, stepWith(new RmsProp(0.01), 2), TOL);
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
    void adamAsPyTorchComputesIt() {
        Optimizer opt = Adam.pytorch(0.1);
        // t = 1: m = 0.2, v = 0.004; m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4;
        // w = 1 − 0.1·2/(√4 + 1e-8) = 1 − 0.1·(1 − 5e-9)
        assertEquals(0.9000000005, stepWith(opt, 2), TOL);
        // t = 2: m = 0.9·0.2 + 0.1·1 = 0.28, v = 0.999·0.004 + 0.001·1 = 0.004996;
        // m̂ = 0.28/0.19 = 1.4736842, √v̂ = √(0.004996/0.001999) = 1.5809015;
        // w −= 0.1·1.4736842/(1.5809015 + 1e-8) = 0.0932180
        assertEquals(0.8067820372085103, stepWith(opt, 1), TOL);
    }

    @Test
    void onATinyGradientTheBooksAdamAndPyTorchsPart() {
        // g = 1e-6: m = 1e-7, v = 1e-15, √v = 3.16e-8, which is below the book's ε = 1e-7.
        // book: η_1 = 0.1·√0.001/0.1 = 0.0316228; w = 1 − 0.0316228·1e-7/(3.16228e-8 + 1e-7) = 1 − 0.0240253
        assertEquals(0.9759746926647958, stepWith(new Adam(0.1), 1e-6), TOL);
        // PyTorch: m̂ = 1e-6, √v̂ = 1e-6; w = 0.9759747 − 0.1·1e-6/(1e-6 + 1e-8) = 0.9759747 − 0.1/1.01
        p.value().data()[0] = 1.0;
        assertEquals(1 - 0.1 / 1.01, stepWith(Adam.pytorch(0.1), 1e-6), TOL);
    }

    @Test
    void adamWDecaysWeightsButNotBiases() {
        Parameter weight = new Parameter("W", Tensor.matrix(new double[][] {{1.0}}));
        Parameter bias = new Parameter("b", Tensor.vector(1.0));
        weight.grad().fill(2);
        bias.grad().fill(2);
        new AdamW(0.1, 0.5).step(weightAndBias(weight, bias));
        // W = 1·(1 − 0.1·0.5) = 0.95, then Adam's first step −0.0999998 (as above)
        assertEquals(0.8500001581136329, weight.value().data()[0], TOL);
        // b: Adam's first step only
        assertEquals(0.900000158113633, bias.value().data()[0], TOL);
    }

    @Test
    void pyTorchsAdamWDecaysEveryParameter() {
        Parameter weight = new Parameter("W", Tensor.matrix(new double[][] {{1.0}}));
        Parameter bias = new Parameter("b", Tensor.vector(1.0));
        weight.grad().fill(2);
        bias.grad().fill(2);
        AdamW.pytorch(0.1, 0.5).step(weightAndBias(weight, bias));
        // both: 1·(1 − 0.1·0.5) = 0.95, then PyTorch's first Adam step 0.1·2/(2 + 1e-8) = 0.0999999995
        assertEquals(0.8500000005, weight.value().data()[0], TOL);
        assertEquals(0.8500000005, bias.value().data()[0], TOL);
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

    @Test
    void anL2DecayGivenToAnOptimizerAddsLambdaTimesWToTheGradient() {
        // PyTorch's SGD(lr=0.1, weight_decay=0.5): g = 2 + 0.5·1 = 2.5; w = 1 − 0.1·2.5
        Optimizer opt = new Sgd(0.1).withL2Decay(L2Decay.all(0.5));
        assertEquals(0.75, stepWith(opt, 2), TOL);
        assertEquals(2.5, p.grad().data()[0], TOL); // the gradient now holds the decayed loss's
        // the default coverage (the weights) leaves this rank-1 parameter alone: w = 0.75 − 0.1·2
        assertEquals(0.55, stepWith(new Sgd(0.1).withL2Decay(L2Decay.weights(0.5)), 2), TOL);
    }

    private static Map<String, Parameter> weightAndBias(Parameter weight, Parameter bias) {
        Map<String, Parameter> both = new LinkedHashMap<>();
        both.put("W", weight);
        both.put("b", bias);
        return both;
    }
}

package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.junit.jupiter.api.Test;

/** {@link Network#withWeightDecay}: ½·λ·ΣW² on the loss, λ·W on the gradient, weights only. */
class WeightDecayTest {

    /** {@code L = (1/2N)·Σ(y − t)²}: a loss small enough to work by hand (layers cannot see losses). */
    static final class HalfSquaredError implements LossLayer {
        private Tensor diff;

        @Override
        public Tensor forward(Tensor scores) {
            return scores;
        }

        @Override
        public double loss(Tensor scores, Tensor targets) {
            diff = scores.copy();
            double s = 0;
            for (int i = 0; i < diff.size(); i++) {
                diff.data()[i] -= targets.data()[i];
                s += diff.data()[i] * diff.data()[i];
            }
            return s / (2 * scores.rows());
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor d = diff.copy();
            for (int i = 0; i < d.size(); i++) {
                d.data()[i] *= dout.data()[0] / diff.rows();
            }
            return d;
        }
    }

    private static Network tiny(double lambda) {
        Affine affine = new Affine(Tensor.matrix(new double[][] {{0.5}, {-1}}), Tensor.vector(0.1));
        return new Network()
                .add("Affine1", affine)
                .withLoss(new HalfSquaredError())
                .withWeightDecay(lambda);
    }

    @Test
    void workedExample() {
        Tensor x = Tensor.matrix(new double[][] {{1, 2}});
        Tensor t = Tensor.matrix(new double[][] {{0}});
        // y = 1·0.5 + 2·(−1) + 0.1 = −1.4; data loss ½·1.96 = 0.98
        // decay ½·0.1·(0.5² + 1²) = 0.0625 on W only, not on b
        assertEquals(0.98, tiny(0).loss(x, t), 1e-15);
        assertEquals(0.98 + 0.0625, tiny(0.1).loss(x, t), 1e-15);
        // dL/dy = −1.4: dW = xᵀ·(−1.4) = [−1.4, −2.8], plus λ·W = [0.05, −0.1]; db = −1.4, no decay
        Map<String, Tensor> g = tiny(0.1).gradient(x, t);
        assertArrayEquals(new double[] {-1.35, -2.9}, g.get("W1").data(), 1e-15);
        assertArrayEquals(new double[] {-1.4}, g.get("b1").data(), 1e-15);
        // the numerical gradient of Network.loss sees the decay too
        Map<String, Tensor> n = tiny(0.1).numericalGradient(x, t);
        assertArrayEquals(new double[] {-1.35, -2.9}, n.get("W1").data(), 1e-9);
        assertArrayEquals(new double[] {-1.4}, n.get("b1").data(), 1e-9);
    }

    @Test
    void gradientCheckOfANetworkWithWeightDecayPasses() {
        Random r = new Random(11);
        Network net = new Network()
                .add("Conv1", new Convolution(3, 2, 3, 3, 1, 1, WeightInit.he(), r))
                .add("Tanh1", new Tanh())
                .add("Pool1", new MaxPooling(2, 2, 2, 0))
                .add("Flatten1", new Flatten())
                .add("Affine2", new Affine(3 * 2 * 2, 4, WeightInit.xavier(), r))
                .add("BatchNorm2", new BatchNormalization(4))
                .add("Sigmoid2", new Sigmoid())
                .add("Affine3", new Affine(4, 2, WeightInit.xavier(), r))
                .withLoss(new HalfSquaredError())
                .withWeightDecay(0.3);
        Tensor x = Tensor.randn(r, 1.0, 5, 2, 4, 4);
        Tensor t = Tensor.randn(r, 1.0, 5, 2);
        GradientReport report = GradientCheck.network(net, x, t);
        GradientCheck.assertPassed(report, "a conv network with weight decay 0.3");
        // without decay in the analytic gradient the same check fails on the weights, not the biases
        Map<String, Tensor> plain = net.withWeightDecay(0).gradient(x, t);
        Map<String, Tensor> decayed = net.withWeightDecay(0.3).numericalGradient(x, t);
        GradientReport off = GradientCheck.compare(plain, decayed);
        assertEquals(false, off.row("W1").passed());
        assertEquals(false, off.row("W3").passed());
        assertEquals(true, off.row("b3").passed());
        assertEquals(true, off.row("gamma2").passed());
    }
}

package org.bricknet.examples.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Relu;
import org.bricknet.layers.Tanh;
import org.bricknet.losses.MeanSquaredError;
import org.bricknet.losses.SoftmaxWithLoss;
import org.bricknet.optim.minimize.Gradients;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.NewtonCg;
import org.bricknet.optim.minimize.OptimizeResult;
import org.junit.jupiter.api.Test;

/** The Network adapter, on Affine(4, 5) → Relu → Affine(5, 3) → SoftmaxWithLoss. */
class NetworkFunctionTest {

    static Network tinyNetwork(Random r) {
        return new Network()
                .add("Affine1", new Affine(4, 5, 1.0, r))
                .add("Relu1", new Relu())
                .add("Affine2", new Affine(5, 3, 1.0, r))
                .withLoss(new SoftmaxWithLoss());
    }

    static Tensor labels(Random r, int n, int k) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(k);
        }
        return Tensor.of(t, n);
    }

    /**
     * Forward differences with step 1.49e-8 err by about {@code ε·|f''|/2 + 2u·|f|/ε}, some
     * {@code 1e-7} for a loss of order one; 1e-6 leaves a margin yet catches any real error. A
     * ReLU input within 1e-8·|W| of its kink would break this; with these scales it does not happen.
     */
    @Property(tries = 30, seed = Seeds.FIXED)
    void gradientMatchesApproxGradient(@ForAll long seed) {
        Random r = new Random(seed);
        Network net = tinyNetwork(r);
        NetworkFunction fn = new NetworkFunction(net, Tensor.randn(r, 1.0, 6, 4), labels(r, 6, 3));
        double[] w = fn.parameters();
        assertEquals(4 * 5 + 5 + 5 * 3 + 3, fn.dimension());
        double[] g = new double[w.length];
        fn.valueAndGradient(w, g);
        assertArrayEquals(Gradients.approxGradient(fn, w, Gradients.EPSILON), g, 1e-6);
    }

    @Test
    void vectorRoundTripsThroughTheParametersInOrder() {
        Network net = tinyNetwork(new Random(3));
        NetworkFunction fn = new NetworkFunction(net, Tensor.zeros(1, 4), labels(new Random(1), 1, 3));
        double[] v = new double[fn.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        fn.setParameters(v);
        assertEquals(0.0, net.parameters().get("W1").value().get(0, 0));
        assertEquals(20.0, net.parameters().get("b1").value().get(0));
        assertEquals(25.0, net.parameters().get("W2").value().get(0, 0));
        assertArrayEquals(v, fn.parameters());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> fn.setParameters(new double[3]));
        assertEquals("NetworkFunction: expected a vector of 43 parameters, got 3", e.getMessage());
    }

    @Test
    void lbfgsLowersTheLossOfATinyNetwork() {
        Random r = new Random(7);
        Network net = tinyNetwork(r);
        Tensor x = Tensor.randn(r, 1.0, 20, 4);
        Tensor t = labels(r, 20, 3);
        NetworkFunction fn = new NetworkFunction(net, x, t);
        double before = net.loss(x, t);
        OptimizeResult res = new Lbfgs().maxIterations(200).minimize(fn, fn.parameters());
        fn.setParameters(res.x());
        double after = net.loss(x, t);
        assertEquals(res.fun(), after, 1e-12);
        // 43 parameters against 20 random labels: the loss must at least fall to a third.
        assertTrue(after < before / 3, "loss " + before + " -> " + after + "\n" + res);
    }

    /**
     * Affine(3, 2) under MeanSquaredError, {@code f = (1/2N)·Σₙ ‖xₙW + b − tₙ‖²}, is quadratic in
     * (W, b), so central differences of its gradient are exact up to rounding, about
     * {@code ε·|∇f|/δ = 2e-16·1/1e-5 = 2e-11}. By hand, with {@code δs = x·V_W + V_b}:
     * {@code (Hv)_W = xᵀ·δs / N} and {@code (Hv)_b = Σₙ δsₙ / N}.
     */
    @Test
    void hessianTimesIsExactForALossQuadraticInTheParameters() {
        Random r = new Random(11);
        Network net = new Network().add("Affine1", new Affine(3, 2, 1.0, r)).withLoss(new MeanSquaredError());
        int n = 5;
        Tensor x = Tensor.randn(r, 1.0, n, 3);
        NetworkFunction fn = new NetworkFunction(net, x, Tensor.randn(r, 1.0, n, 2));
        double[] v = Tensor.randn(r, 1.0, 8).data();
        double[] hv = new double[8];
        fn.hessianTimes(fn.parameters(), v, hv);
        double[] expected = new double[8];
        for (int s = 0; s < n; s++) {
            for (int k = 0; k < 2; k++) {
                double ds = v[6 + k];
                for (int i = 0; i < 3; i++) {
                    ds += x.get(s, i) * v[i * 2 + k];
                }
                for (int i = 0; i < 3; i++) {
                    expected[i * 2 + k] += x.get(s, i) * ds / n;
                }
                expected[6 + k] += ds / n;
            }
        }
        assertArrayEquals(expected, hv, 1e-9);
        double[] zero = new double[8];
        fn.hessianTimes(fn.parameters(), new double[8], zero);
        assertArrayEquals(new double[8], zero);
    }

    /**
     * The Hessian is symmetric, so {@code uᵀ(H·v) = vᵀ(H·u)}; central differences keep that to
     * their truncation error, {@code δ²·|∇³f| ≈ 1e-10}, on a smooth (tanh) network.
     */
    @Property(tries = 20, seed = Seeds.FIXED)
    void hessianTimesIsSymmetric(@ForAll long seed) {
        Random r = new Random(seed);
        Network net = new Network()
                .add("Affine1", new Affine(4, 5, 1.0, r))
                .add("Tanh1", new Tanh())
                .add("Affine2", new Affine(5, 3, 1.0, r))
                .withLoss(new SoftmaxWithLoss());
        NetworkFunction fn = new NetworkFunction(net, Tensor.randn(r, 1.0, 6, 4), labels(r, 6, 3));
        double[] w = fn.parameters();
        double[] u = Tensor.randn(r, 1.0, w.length).data();
        double[] v = Tensor.randn(r, 1.0, w.length).data();
        double[] hu = new double[w.length];
        double[] hv = new double[w.length];
        fn.hessianTimes(w, u, hu);
        fn.hessianTimes(w, v, hv);
        double uHv = 0;
        double vHu = 0;
        for (int i = 0; i < w.length; i++) {
            uHv += u[i] * hv[i];
            vHu += v[i] * hu[i];
        }
        assertEquals(uHv, vHu, 1e-7 * Math.max(1, Math.abs(uHv)));
    }

    /** Newton-CG with the network's own products (two backprops each) trains the tiny tanh network. */
    @Test
    void newtonCgLowersTheLossOfATinyNetwork() {
        Random r = new Random(7);
        Network net = new Network()
                .add("Affine1", new Affine(4, 5, 1.0, r))
                .add("Tanh1", new Tanh())
                .add("Affine2", new Affine(5, 3, 1.0, r))
                .withLoss(new SoftmaxWithLoss());
        Tensor x = Tensor.randn(r, 1.0, 20, 4);
        Tensor t = labels(r, 20, 3);
        NetworkFunction fn = new NetworkFunction(net, x, t);
        double before = net.loss(x, t);
        OptimizeResult res = new NewtonCg().maxIterations(30).minimize(fn, fn.parameters());
        fn.setParameters(res.x());
        assertTrue(res.nhev() > 0, res::toString);
        assertTrue(net.loss(x, t) < before / 3, "loss " + before + " -> " + net.loss(x, t) + "\n" + res);
    }
}

package org.bricknet.optim.minimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;

/**
 * A {@link Network} on one fixed batch, seen as a {@link DifferentiableFunction} of all its
 * parameters laid end to end, in the order of {@link Network#parameters()} and each row-major:
 * the value is the full-batch loss (weight decay included), the gradient the backprop gradient.
 * So a network can be trained by {@link Lbfgs}:
 * <pre>
 *   NetworkFunction fn = new NetworkFunction(net, x, t);
 *   OptimizeResult r = new Lbfgs().minimize(fn, fn.parameters());
 *   fn.setParameters(r.x());
 * </pre>
 * Each evaluation writes the point into the network's parameters, so after a run the network
 * holds the last point tried; {@link #setParameters} puts the result back.
 *
 * <p>For {@link NewtonCg} it gives Hessian-vector products by central differences of the
 * backprop gradient along v (see {@link #hessianTimes}): two backward passes per product, exact
 * for a loss quadratic in the parameters and otherwise within about {@code 1e-10·|∇³f|} of
 * {@code ∇²f·v} for a unit v. The exact product by differentiating the backward pass
 * (Pearlmutter's R-operator) would need every brick to implement a second, forward-mode pass; it is
 * not built. Near a kink (ReLU at 0, max-pool ties) the difference sees both sides.
 */
public final class NetworkFunction implements DifferentiableFunction, HessianVectorProduct {
    private final Network network;
    private final Tensor x;
    private final Tensor targets;
    private final List<Parameter> params;
    private final int size;

    /** The loss of {@code network} on inputs {@code x} and {@code targets}. */
    public NetworkFunction(Network network, Tensor x, Tensor targets) {
        this.network = network;
        this.x = x;
        this.targets = targets;
        this.params = new ArrayList<>(network.parameters().values());
        int n = 0;
        for (Parameter p : params) {
            n += p.value().size();
        }
        if (n == 0) {
            throw new IllegalArgumentException("NetworkFunction: expected a network with parameters, got none");
        }
        this.size = n;
    }

    /** The number of parameters, the length of the vector. */
    public int dimension() {
        return size;
    }

    /** The network's current parameters as one vector (a copy). */
    public double[] parameters() {
        double[] v = new double[size];
        int off = 0;
        for (Parameter p : params) {
            double[] d = p.value().data();
            System.arraycopy(d, 0, v, off, d.length);
            off += d.length;
        }
        return v;
    }

    /** Copies {@code v} into the network's parameters. */
    public void setParameters(double[] v) {
        if (v.length != size) {
            throw new IllegalArgumentException(
                    "NetworkFunction: expected a vector of " + size + " parameters, got " + v.length);
        }
        int off = 0;
        for (Parameter p : params) {
            double[] d = p.value().data();
            System.arraycopy(v, off, d, 0, d.length);
            off += d.length;
        }
    }

    @Override
    public double valueAndGradient(double[] v, double[] gradient) {
        if (gradient.length != size) {
            throw new IllegalArgumentException(
                    "NetworkFunction: expected a gradient array of " + size + " values, got " + gradient.length);
        }
        setParameters(v);
        double loss = network.backprop(x, targets);
        int off = 0;
        for (Parameter p : params) {
            double[] g = p.grad().data();
            System.arraycopy(g, 0, gradient, off, g.length);
            off += g.length;
        }
        return loss;
    }

    /**
     * {@code ∇²f(w)·v ≈ |v|·(∇f(w + δ·v̂) − ∇f(w − δ·v̂)) / 2δ} with {@code v̂ = v/|v|} and
     * {@code δ = 1e-5·max(1, max|wᵢ|)}, the step core's numerical gradients use: truncation
     * {@code δ²·|∇³f|/6} and rounding {@code ε·|∇f|/δ} are both near 1e-11 for values and curvatures
     * of order one. Two backprops; zero for v = 0 without any.
     */
    @Override
    public void hessianTimes(double[] w, double[] v, double[] out) {
        if (w.length != size || v.length != size || out.length != size) {
            throw new IllegalArgumentException("NetworkFunction: expected a point, a vector and an output of " + size
                    + " values, got " + w.length + ", " + v.length + " and " + out.length);
        }
        double norm = Vectors.norm2(v);
        if (norm == 0) {
            Arrays.fill(out, 0);
            return;
        }
        double delta = 1e-5 * Math.max(1, Vectors.normInf(w));
        double[] shifted = new double[size];
        double[] minus = new double[size];
        Vectors.step(w, delta / norm, v, shifted);
        valueAndGradient(shifted, out);
        Vectors.step(w, -delta / norm, v, shifted);
        valueAndGradient(shifted, minus);
        double scale = norm / (2 * delta);
        for (int i = 0; i < size; i++) {
            out[i] = (out[i] - minus[i]) * scale;
        }
    }

    @Override
    public double value(double[] v) {
        setParameters(v);
        return network.loss(x, targets);
    }
}

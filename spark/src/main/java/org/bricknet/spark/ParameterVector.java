package org.bricknet.spark;

import java.util.ArrayList;
import java.util.List;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;

/**
 * A network's parameters laid end to end as one vector, in the order of {@link
 * Network#parameters()}, each row-major: the layout of {@link
 * org.bricknet.optim.minimize.NetworkFunction}, so that a minimizer's vector means the same on the
 * driver, on the executors and on one machine. Also the weight-decay term, which the driver adds once to the sums:
 * {@code ½·λ·ΣW²} to the loss and {@code λ·W} to the gradient over the weights
 * ({@link Parameter#isWeight()}), as {@link Network} does.
 */
final class ParameterVector {
    private final List<Parameter> params;
    private final int size;
    private final double decay;

    ParameterVector(Network network) {
        this.params = new ArrayList<>(network.parameters().values());
        int n = 0;
        for (Parameter p : params) {
            n += p.value().size();
        }
        if (n == 0) {
            throw new IllegalArgumentException("expected a network with parameters, got none");
        }
        this.size = n;
        this.decay = network.weightDecay();
    }

    int size() {
        return size;
    }

    /** The parameters' values as one vector (a copy). */
    double[] values() {
        double[] v = new double[size];
        int off = 0;
        for (Parameter p : params) {
            double[] d = p.value().data();
            System.arraycopy(d, 0, v, off, d.length);
            off += d.length;
        }
        return v;
    }

    /** Copies {@code v} into the parameters' values. */
    void setValues(double[] v) {
        requireLength(v, "parameter vector");
        int off = 0;
        for (Parameter p : params) {
            double[] d = p.value().data();
            System.arraycopy(v, off, d, 0, d.length);
            off += d.length;
        }
    }

    /** The parameters' gradient arrays, in order (the arrays themselves, which backprop fills). */
    double[][] gradientArrays() {
        double[][] out = new double[params.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = params.get(i).grad().data();
        }
        return out;
    }

    /** Copies {@code g} into the parameters' gradients. */
    void setGradients(double[] g) {
        requireLength(g, "gradient");
        int off = 0;
        for (Parameter p : params) {
            double[] d = p.grad().data();
            System.arraycopy(g, off, d, 0, d.length);
            off += d.length;
        }
    }

    /** Adds the weight-decay term at point {@code v} to {@code gradient} and returns the one of the loss. */
    double addDecay(double[] v, double[] gradient) {
        if (decay == 0) {
            return 0;
        }
        double sum = 0;
        int off = 0;
        for (Parameter p : params) {
            int n = p.value().size();
            if (p.isWeight()) {
                for (int i = off; i < off + n; i++) {
                    sum += v[i] * v[i];
                    gradient[i] += decay * v[i];
                }
            }
            off += n;
        }
        return 0.5 * decay * sum;
    }

    private void requireLength(double[] v, String what) {
        if (v.length != size) {
            throw new IllegalArgumentException("expected a " + what + " of " + size + " values, got " + v.length);
        }
    }
}

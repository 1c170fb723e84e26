package org.bricknet.optim;

import java.util.Map;
import java.util.Random;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;

/**
 * The quadratic bowl {@code f(w) = ½·Σ a_i·(w_i − c_i)²}, with curvatures {@code a_i > 0} and its
 * minimum at {@code c}; the gradient is {@code a_i·(w_i − c_i)}. Its one parameter is a vector
 * (rank 1), so AdamW does not decay it.
 */
final class Bowl {
    final double[] a;
    final double[] c;
    final Parameter w;

    Bowl(double[] a, double[] c, double[] start) {
        this.a = a.clone();
        this.c = c.clone();
        this.w = new Parameter("w", Tensor.vector(start));
    }

    /** Curvatures in [0.5, 2], minimum and start in [−3, 3]^dims. */
    static Bowl random(Random r, int dims) {
        double[] a = new double[dims];
        double[] c = new double[dims];
        double[] s = new double[dims];
        for (int i = 0; i < dims; i++) {
            a[i] = 0.5 + 1.5 * r.nextDouble();
            c[i] = -3 + 6 * r.nextDouble();
            s[i] = -3 + 6 * r.nextDouble();
        }
        return new Bowl(a, c, s);
    }

    Map<String, Parameter> params() {
        return Map.of("w", w);
    }

    /** Writes ∇f(w) into the parameter's gradient and returns f(w). */
    double fillGradient() {
        double[] x = w.value().data();
        double[] g = w.grad().data();
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            g[i] = a[i] * (x[i] - c[i]);
            f += 0.5 * g[i] * (x[i] - c[i]);
        }
        return f;
    }

    /** {@code steps} times: gradient, then one optimizer step. */
    void descend(Optimizer opt, int steps) {
        for (int k = 0; k < steps; k++) {
            fillGradient();
            opt.step(params());
        }
    }

    /** max_i |w_i − c_i|. */
    double distance() {
        double[] x = w.value().data();
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - c[i]));
        }
        return d;
    }
}

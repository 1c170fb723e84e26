package org.bricknet.examples.minimize;

import org.bricknet.core.Tensor;
import org.bricknet.layers.Affine;
import org.bricknet.optim.minimize.DifferentiableFunction;

/**
 * The cost of logistic regression as a {@link DifferentiableFunction} of {@code (w, b)} laid end to
 * end ({@code D + 1} values): with {@code z = x·w + b} computed by an {@link Affine} layer
 * {@code (D, 1)} and {@code p = σ(z)},
 * <pre>
 *   cost = (1/N)·Σₙ [−t·log p − (1 − t)·log(1 − p)] + λ·Σ w²  =  (1/N)·Σₙ [softplus(z) − t·z] + λ·|w|²,
 *   ∂cost/∂z = (p − t)/N,   ∂cost/∂w = xᵀ·(p − t)/N + 2λ·w,   ∂cost/∂b = Σₙ (p − t)/N.
 * </pre>
 * The softplus form {@code log(1 + eᶻ)} keeps it finite for any z. The sigmoid and cross-entropy are
 * written here because {@code SigmoidWithLoss} is not in this tree yet; with it, this becomes an
 * {@code Affine} + {@code SigmoidWithLoss} network seen through {@code NetworkFunction}.
 */
public final class LogisticCost implements DifferentiableFunction {
    private final Affine affine;
    private final Tensor x;
    private final double[] t;
    private final double lambda;
    private final int d;

    /** The cost on inputs {@code x} {@code (N, D)}, 0/1 targets {@code t} {@code (N)} and L2 weight λ. */
    public LogisticCost(Tensor x, double[] t, double lambda) {
        if (x.rank() != 2 || x.rows() != t.length) {
            throw new IllegalArgumentException("LogisticCost: expected inputs (N, D) and N targets, got "
                    + x.shapeString() + " and " + t.length);
        }
        this.d = x.cols();
        this.affine = new Affine(Tensor.zeros(d, 1), Tensor.zeros(1));
        this.affine.setInputGradientNeeded(false);
        this.x = x;
        this.t = t.clone();
        this.lambda = lambda;
    }

    /** {@code D + 1}: the weights, then the bias. */
    public int dimension() {
        return d + 1;
    }

    /** {@code p = σ(x·w + b)} for each row of {@code inputs}, with {@code wb = (w, b)}. */
    public double[] probabilities(double[] wb, Tensor inputs) {
        load(wb);
        double[] z = affine.forward(inputs).data();
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = 1 / (1 + Math.exp(-z[i]));
        }
        return p;
    }

    @Override
    public double valueAndGradient(double[] wb, double[] gradient) {
        load(wb);
        int n = t.length;
        double[] z = affine.forward(x).data();
        double[] dz = new double[n];
        double cost = 0;
        for (int i = 0; i < n; i++) {
            cost += softplus(z[i]) - t[i] * z[i];
            dz[i] = (1 / (1 + Math.exp(-z[i])) - t[i]) / n;
        }
        affine.backward(Tensor.of(dz, n, 1));
        double[] w = affine.weights().value().data();
        double[] dw = affine.weights().grad().data();
        double penalty = 0;
        for (int j = 0; j < d; j++) {
            penalty += w[j] * w[j];
            gradient[j] = dw[j] + 2 * lambda * w[j];
        }
        gradient[d] = affine.bias().grad().data()[0];
        return cost / n + lambda * penalty;
    }

    private void load(double[] wb) {
        if (wb.length != d + 1) {
            throw new IllegalArgumentException("LogisticCost: expected " + (d + 1) + " values (w, b), got " + wb.length);
        }
        System.arraycopy(wb, 0, affine.weights().value().data(), 0, d);
        affine.bias().value().data()[0] = wb[d];
    }

    /** {@code log(1 + eᶻ)} without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }
}

package org.bricknet.core;

import java.util.Map;
import java.util.Objects;

/**
 * L2 weight decay on its own: a penalty {@code ½·λ·Σ w²} over the parameters it covers, whose
 * gradient {@code λ·w} it adds to theirs. Covers the weights by default ({@link Coverage#WEIGHTS}, as
 * the book's {@code MultiLayerNet} and {@code Network.withWeightDecay} do); {@link Coverage#ALL} is
 * PyTorch's {@code weight_decay} of SGD, Adam, AdaGrad and RMSprop, which decays every parameter.
 *
 * <p>Use it by hand between backprop and the step ({@link #addGradients}; {@link #penalty} for the
 * loss printed), or give it to an optimizer ({@code new Sgd(0.1).withL2Decay(L2Decay.all(1e-4))}),
 * which adds the gradient term at the start of each step as PyTorch does.
 */
public final class L2Decay {
    private final double lambda;
    private final Coverage coverage;

    /** λ ≥ 0 over the parameters {@code coverage} selects. */
    public L2Decay(double lambda, Coverage coverage) {
        this.lambda = Checks.nonNegative("L2Decay", "λ", lambda);
        this.coverage = Objects.requireNonNull(coverage, "L2Decay: expected a coverage, got null");
    }

    /** λ over the weights (rank ≥ 2), not biases: the book's choice. */
    public static L2Decay weights(double lambda) {
        return new L2Decay(lambda, Coverage.WEIGHTS);
    }

    /** λ over every parameter: PyTorch's {@code weight_decay}. */
    public static L2Decay all(double lambda) {
        return new L2Decay(lambda, Coverage.ALL);
    }

    public double lambda() {
        return lambda;
    }

    public Coverage coverage() {
        return coverage;
    }

    /** Whether the parameter under {@code key} decays. */
    public boolean covers(String key, Parameter p) {
        return coverage.covers(key, p);
    }

    /** {@code ½·λ·Σ w²} over the covered parameters of {@code params} (0 when λ is 0). */
    public double penalty(Map<String, Parameter> params) {
        if (lambda == 0) {
            return 0;
        }
        double sum = 0;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (covers(e.getKey(), e.getValue())) {
                for (double w : e.getValue().value().data()) {
                    sum += w * w;
                }
            }
        }
        return 0.5 * lambda * sum;
    }

    /** Adds {@code λ·w} to the gradient of every covered parameter of {@code params} (nothing when λ is 0). */
    public void addGradients(Map<String, Parameter> params) {
        if (lambda == 0) {
            return;
        }
        params.forEach((key, p) -> {
            if (covers(key, p)) {
                addGradient(p.value().data(), p.grad().data(), 0, p.value().size());
            }
        });
    }

    /** {@code g[i] += λ·w[i]} for {@code i} in {@code [from, to)}. */
    public void addGradient(double[] w, double[] g, int from, int to) {
        for (int i = from; i < to; i++) {
            g[i] += lambda * w[i];
        }
    }

    @Override
    public String toString() {
        return "L2Decay(λ=" + lambda + ", " + Coverage.label(coverage) + ")";
    }
}

package org.bricknet.layers;

import org.bricknet.core.Tensor;

/**
 * The settings of a {@link BatchNormalization}, each named by its source; unset ones are
 * {@link BatchNormalization#BatchNormalization(int)}'s.
 */
public final class BatchNormalizationBuilder {
    private final int features;
    private Tensor gamma;
    private Tensor beta;
    private double keep = 0.9;
    private double take = 1 - 0.9;
    private double eps = 1e-6;
    private boolean unbiased;
    private double initialVariance = 1.0;
    private BatchNormalization.Axes axes = BatchNormalization.Axes.PER_CHANNEL;

    /** {@code features} 0: the layer takes them from its graph. */
    BatchNormalizationBuilder(int features) {
        if (features < 0) {
            throw new IllegalArgumentException("BatchNormalization: expected features >= 1, got " + features);
        }
        this.features = features;
    }

    /** γ of shape {@code (F)}, not copied; 1 by default. */
    public BatchNormalizationBuilder gamma(Tensor gamma) {
        this.gamma = gamma;
        return this;
    }

    /** β of shape {@code (F)}, not copied; 0 by default. */
    public BatchNormalizationBuilder beta(Tensor beta) {
        this.beta = beta;
        return this;
    }

    /** The book's form: {@code r ← momentum·r + (1 − momentum)·batch}; 0.9 by default. */
    public BatchNormalizationBuilder momentum(double momentum) {
        this.keep = momentum;
        this.take = 1 - momentum;
        return this;
    }

    /** PyTorch's form: {@code r ← (1 − momentum)·r + momentum·batch}; its default is 0.1. */
    public BatchNormalizationBuilder pytorchMomentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(
                    "BatchNormalization: expected a PyTorch momentum in [0, 1], got " + momentum);
        }
        this.keep = 1 - momentum;
        this.take = momentum;
        return this;
    }

    /** Added to the variance under the square root; 1e-6 (the book) by default, PyTorch's is 1e-5. */
    public BatchNormalizationBuilder eps(double eps) {
        this.eps = eps;
        return this;
    }

    /** Whether the running variance takes the unbiased {@code M/(M−1)·σ²} (PyTorch) or σ² (the book, the default). */
    public BatchNormalizationBuilder unbiasedRunningVariance(boolean unbiased) {
        this.unbiased = unbiased;
        return this;
    }

    /** Where the running variance starts: 1 by default (PyTorch), 0 in the book. */
    public BatchNormalizationBuilder initialRunningVariance(double variance) {
        this.initialVariance = variance;
        return this;
    }

    /** Per channel (the default, PyTorch) or per feature (the book). */
    public BatchNormalizationBuilder axes(BatchNormalization.Axes axes) {
        this.axes = axes;
        return this;
    }

    public BatchNormalization build() {
        if (features == 0 && gamma == null) {
            return new BatchNormalization(null, null, keep, take, eps, unbiased, initialVariance, axes);
        }
        Tensor g = gamma != null ? gamma : Tensor.zeros(features).fill(1.0);
        Tensor b = beta != null ? beta : Tensor.zeros(features);
        if (features != 0 && g.size() != features) {
            throw new IllegalArgumentException(
                    "BatchNormalization: expected gamma of shape (" + features + ",), got " + g.shapeString());
        }
        return new BatchNormalization(g, b, keep, take, eps, unbiased, initialVariance, axes);
    }
}

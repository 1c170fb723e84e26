package org.bricknet.optim;

import org.bricknet.core.Checks;
import org.bricknet.core.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization"): before the {@link Adam} update of a step, each weight shrinks by
 * <pre>
 *   w ← w − η·λ·w
 * </pre>
 * (η the base learning rate, not the bias-corrected η_t, as in PyTorch's {@code AdamW}), so the
 * decay is not divided by √v as an L2 term in the gradient would be. Only weights decay
 * ({@link Parameter#isWeight()}: rank 2 or more), not biases. λ = 0.01 by default.
 */
public final class AdamW extends Adam {
    /** PyTorch's default λ. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    private final double weightDecay;

    public AdamW(double learningRate) {
        this(learningRate, DEFAULT_WEIGHT_DECAY);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    public AdamW(double learningRate, double weightDecay, double beta1, double beta2) {
        super("adamw", learningRate, beta1, beta2);
        this.weightDecay = Checks.nonNegative("adamw", "weight decay", weightDecay);
    }

    public double weightDecay() {
        return weightDecay;
    }

    @Override
    void update(Parameter p, double[] w, double[] g, double[][] s, int from, int to) {
        if (p.isWeight() && weightDecay != 0) {
            double shrink = 1 - learningRate() * weightDecay;
            for (int i = from; i < to; i++) {
                w[i] *= shrink;
            }
        }
        super.update(p, w, g, s, from, to);
    }
}

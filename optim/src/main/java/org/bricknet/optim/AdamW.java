package org.bricknet.optim;

import java.util.Map;
import java.util.Objects;
import org.bricknet.core.Checks;
import org.bricknet.core.Coverage;
import org.bricknet.core.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization"): before the {@link Adam} update of a step, each covered parameter shrinks by
 * <pre>
 *   w ← w − η·λ·w
 * </pre>
 * (η the base learning rate, not the bias-corrected η_t, as in PyTorch's {@code AdamW}), so the
 * decay is not divided by √v as an L2 term in the gradient would be. λ = 0.01 by default.
 *
 * <p>Two conventions (the book has no AdamW): by default the book's Adam ({@link Convention#BOOK},
 * ε = 1e-7) after a decay of the weights only ({@link Coverage#WEIGHTS}: rank 2 or more, not
 * biases); {@link #pytorch} is PyTorch's {@code torch.optim.AdamW}: every parameter decays
 * ({@link Coverage#ALL}), then PyTorch's Adam (ε = 1e-8).
 */
public final class AdamW extends Adam {
    /** PyTorch's default λ. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    private final double weightDecay;
    private final Coverage decays;

    public AdamW(double learningRate) {
        this(learningRate, DEFAULT_WEIGHT_DECAY);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2);
    }

    public AdamW(double learningRate, double weightDecay, double beta1, double beta2) {
        this(learningRate, weightDecay, beta1, beta2, AdaGrad.EPSILON, Convention.BOOK, Coverage.WEIGHTS);
    }

    /** Every hyperparameter: λ ≥ 0, betas in [0, 1), ε &gt; 0, whose Adam, and which parameters decay. */
    public AdamW(
            double learningRate,
            double weightDecay,
            double beta1,
            double beta2,
            double eps,
            Convention convention,
            Coverage decays) {
        super("adamw", learningRate, beta1, beta2, eps, convention);
        this.weightDecay = Checks.nonNegative("adamw", "weight decay", weightDecay);
        this.decays = Objects.requireNonNull(decays, "adamw: expected a coverage, got null");
    }

    /** PyTorch's {@code AdamW(lr)}: λ = 0.01 on every parameter, then PyTorch's Adam. */
    public static AdamW pytorch(double learningRate) {
        return pytorch(learningRate, DEFAULT_WEIGHT_DECAY);
    }

    /** PyTorch's {@code AdamW(lr, weight_decay=λ)}. */
    public static AdamW pytorch(double learningRate, double weightDecay) {
        return new AdamW(
                learningRate,
                weightDecay,
                DEFAULT_BETA1,
                DEFAULT_BETA2,
                PYTORCH_EPSILON,
                Convention.PYTORCH,
                Coverage.ALL);
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Which parameters decay. */
    public Coverage decays() {
        return decays;
    }

    @Override
    void putHyperparameters(Map<String, String> out) {
        super.putHyperparameters(out);
        out.put("weight_decay", Double.toString(weightDecay));
        out.put("decays", Coverage.label(decays));
    }

    @Override
    boolean selects(String key, Parameter p) {
        return decays.covers(key, p);
    }

    @Override
    void update(boolean selected, double[] w, double[] g, double[][] s, int from, int to) {
        if (selected && weightDecay != 0) {
            double shrink = 1 - learningRate() * weightDecay;
            for (int i = from; i < to; i++) {
                w[i] *= shrink;
            }
        }
        super.update(selected, w, g, s, from, to);
    }
}

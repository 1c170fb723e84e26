package org.bricknet.losses;

import java.util.List;
import java.util.Locale;
import org.bricknet.core.LossLayer;

/** Losses by name, for the command line ({@code train --loss}) and configuration files. */
public final class Losses {
    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("softmax", "sigmoid", "mse");

    private Losses() {}

    /**
     * A new loss layer: {@code softmax} is {@link SoftmaxWithLoss} (softmax and cross-entropy, the
     * book's); {@code sigmoid} is {@link SigmoidWithLoss} with
     * {@link SigmoidWithLoss.Reduction#MEAN_OVER_BATCH}, the per-class logistic cost (a logistic
     * regression per output against one-hot rows, summed over the outputs and averaged over the
     * batch, as Nielsen's {@code network2.py} and the classic tutorial's 400-25-10 network); {@code
     * mse} is {@link MeanSquaredError}, Nielsen's quadratic cost. Any case.
     */
    public static LossLayer create(String name) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "softmax":
                return new SoftmaxWithLoss();
            case "sigmoid":
                return new SigmoidWithLoss(SigmoidWithLoss.Reduction.MEAN_OVER_BATCH);
            case "mse":
                return new MeanSquaredError();
            default:
                throw new IllegalArgumentException(
                        "Losses: expected one of " + String.join("|", NAMES) + ", got '" + name + "'");
        }
    }
}

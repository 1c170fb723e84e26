package org.bricknet.optim;

import java.util.Locale;

/**
 * Whose arithmetic and defaults an update rule follows where two sources differ.
 *
 * <ul>
 *   <li>{@link #BOOK}: "Deep Learning from Scratch", {@code common/optimizer.py}: ε = 1e-7 outside the
 *       square root; Adam adds it to the uncorrected √v and folds the bias correction into the rate.
 *   <li>{@link #PYTORCH}: {@code torch.optim} (1.13): AdaGrad ε = 1e-10, RMSprop and Adam ε = 1e-8;
 *       Adam adds ε to the bias-corrected √v̂; AdamW decays every parameter it is given.
 * </ul>
 *
 * SGD, momentum and Nesterov compute the same thing in both (their classes say so), so they take no
 * convention.
 */
public enum Convention {
    BOOK,
    PYTORCH;

    /** {@code book} or {@code pytorch}, as {@link #parse} reads it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code book} or {@code pytorch}, any case. */
    public static Convention parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Convention c : values()) {
            if (c.label().equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("expected a convention book|pytorch, got '" + text + "'");
    }
}

package org.bricknet.layers;

import java.util.Objects;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * Dropout: in training each element is kept with probability {@code 1 − ratio}, else zeroed.
 * Forward in training is {@code y = x ⊙ m}, with {@code m_i = s} when {@code u_i >= ratio} for
 * {@code u_i} uniform in [0, 1) drawn from the caller's {@link Random}, else 0; backward is
 * {@code dout ⊙ m}. Two forms ({@link Form}) place the scale differently:
 * <ul>
 *   <li>{@link Form#INVERTED} (the default; PyTorch's {@code nn.Dropout}): {@code s = 1/(1 − ratio)}
 *       in training, and evaluation is the identity;
 *   <li>{@link Form#BOOK} (the book's {@code Dropout}): {@code s = 1} in training, and evaluation
 *       scales, {@code y = x·(1 − ratio)}, backward {@code dout·(1 − ratio)}.
 * </ul>
 * The expected training output equals the evaluation output in both; they train the same network.
 * A new layer starts in training mode.
 *
 * <p>The mask can be set instead of drawn ({@link #setMask}), to follow a worked example or another
 * program's draw; the layer is then deterministic until the mask is cleared. While
 * {@link #holdRandomDraw} holds, forward reuses the last drawn mask (a gradient check evaluates one
 * fixed function); a first forward still draws one.
 *
 * <p>Shape: input any shape; output the input's shape; no parameters.
 */
public final class Dropout implements Layer {
    /** Where the {@code 1 − ratio} of kept elements is made up for: in training, or at evaluation. */
    public enum Form {
        /** Kept elements are scaled by {@code 1/(1 − ratio)} in training; evaluation is the identity (PyTorch). */
        INVERTED,
        /** Kept elements pass unchanged in training; evaluation multiplies by {@code 1 − ratio} (the book). */
        BOOK
    }

    private final double ratio;
    private final Random random;
    private final Form form;
    private boolean training = true;
    private boolean hold;
    private int[] setShape;
    private double[] mask;
    private int[] shape;
    private Tensor y;
    private Tensor dx;

    /** Inverted dropout; {@code ratio} is the probability of dropping an element, in [0, 1). */
    public Dropout(double ratio, Random random) {
        this(ratio, random, Form.INVERTED);
    }

    /** {@code ratio} in [0, 1), masks drawn from {@code random}, in the given form. */
    public Dropout(double ratio, Random random, Form form) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("Dropout: ratio must be in [0, 1), got " + ratio);
        }
        this.ratio = ratio;
        this.random = random;
        this.form = Objects.requireNonNull(form, "Dropout: expected a form, got null");
    }

    /** The book's dropout: mask of 0 and 1 in training, {@code ×(1 − ratio)} at evaluation. */
    public static Dropout book(double ratio, Random random) {
        return new Dropout(ratio, random, Form.BOOK);
    }

    @Override
    public Tensor forward(Tensor x) {
        shape = x.shape();
        y = Tensor.reuse(y, x);
        double[] xd = x.data();
        double[] yd = y.data();
        if (!training) {
            double s = form == Form.BOOK ? 1 - ratio : 1.0;
            for (int i = 0; i < xd.length; i++) {
                yd[i] = xd[i] * s;
            }
            return y;
        }
        if (setShape != null) {
            Shapes.requireShape("Dropout", "input (the mask set is of that shape)", setShape, x);
        } else if (!hold || mask == null || mask.length != x.size()) {
            if (mask == null || mask.length != x.size()) {
                mask = new double[x.size()];
            }
            double keep = scale();
            for (int i = 0; i < mask.length; i++) {
                mask[i] = random.nextDouble() >= ratio ? keep : 0.0;
            }
        }
        for (int i = 0; i < xd.length; i++) {
            yd[i] = xd[i] * mask[i];
        }
        return y;
    }

    /** Restarts the mask draws: the caller's {@link Random} is set to {@code seed}. */
    @Override
    public void reseed(long seed) {
        random.setSeed(seed);
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Dropout", shape);
        Shapes.requireShape("Dropout", "output gradient", shape, dout);
        dx = Tensor.reuse(dx, dout);
        double[] d = dout.data();
        double[] out = dx.data();
        if (!training) {
            double s = form == Form.BOOK ? 1 - ratio : 1.0;
            for (int i = 0; i < d.length; i++) {
                out[i] = d[i] * s;
            }
            return dx;
        }
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] * mask[i];
        }
        return dx;
    }

    /**
     * Sets the training mask instead of drawing it: {@code keep} holds 1 where an element is kept
     * and 0 where it is dropped, in the shape of the inputs to come (which must then have it). The
     * layer multiplies kept elements by its form's scale. {@code null} goes back to drawing masks.
     */
    public void setMask(Tensor keep) {
        if (keep == null) {
            setShape = null;
            return;
        }
        double[] k = keep.data();
        double[] m = new double[k.length];
        double s = scale();
        for (int i = 0; i < k.length; i++) {
            if (k[i] != 0 && k[i] != 1) {
                throw new IllegalArgumentException(
                        "Dropout: expected a mask of 0 (dropped) and 1 (kept), got " + k[i] + " at element " + i);
            }
            m[i] = k[i] * s;
        }
        mask = m;
        setShape = keep.shape();
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** True unless a mask was set ({@link #setMask}): then the layer draws nothing. */
    @Override
    public boolean isStochastic() {
        return setShape == null;
    }

    @Override
    public void holdRandomDraw(boolean hold) {
        this.hold = hold;
    }

    public double ratio() {
        return ratio;
    }

    public Form form() {
        return form;
    }

    /** The mask of the last training forward ({@code 0} or the form's scale per element), a copy. */
    public double[] mask() {
        return mask == null ? new double[0] : mask.clone();
    }

    private double scale() {
        return form == Form.BOOK ? 1.0 : 1.0 / (1.0 - ratio);
    }

    /** {@code Dropout(0.5)}. */
    @Override
    public String toString() {
        return "Dropout(" + ratio + (form == Form.BOOK ? ", book" : "") + ")";
    }
}

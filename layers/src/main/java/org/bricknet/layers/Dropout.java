package org.bricknet.layers;

import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * Inverted dropout. In training, each element is kept with probability {@code 1 − ratio} and then
 * scaled by {@code 1/(1 − ratio)}, else zeroed: {@code y = x ⊙ m} with {@code m_i = 1/(1 − ratio)}
 * when {@code u_i >= ratio} for {@code u_i} uniform in [0, 1) drawn from the caller's
 * {@link Random}, else 0. The expected output equals the input, so evaluation is the identity (the
 * book instead scales by {@code 1 − ratio} at evaluation; the two train the same network).
 * Backward is {@code dout ⊙ m}. A new layer starts in training mode.
 *
 * <p>While {@link #holdRandomDraw} holds, forward reuses the last mask (a gradient check evaluates
 * one fixed function); a first forward still draws one.
 */
public final class Dropout implements Layer {
    private final double ratio;
    private final Random random;
    private boolean training = true;
    private boolean hold;
    private double[] mask;
    private int[] shape;
    private Tensor y;
    private Tensor dx;

    /** {@code ratio} is the probability of dropping an element, in [0, 1). */
    public Dropout(double ratio, Random random) {
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("Dropout: ratio must be in [0, 1), got " + ratio);
        }
        this.ratio = ratio;
        this.random = random;
    }

    @Override
    public Tensor forward(Tensor x) {
        shape = x.shape();
        y = Tensor.reuse(y, x);
        if (!training) {
            y.copyFrom(x);
            return y;
        }
        if (!hold || mask == null || mask.length != x.size()) {
            if (mask == null || mask.length != x.size()) {
                mask = new double[x.size()];
            }
            double keep = 1.0 / (1.0 - ratio);
            for (int i = 0; i < mask.length; i++) {
                mask[i] = random.nextDouble() >= ratio ? keep : 0.0;
            }
        }
        double[] xd = x.data();
        double[] yd = y.data();
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
        if (!training) {
            dx.copyFrom(dout);
            return dx;
        }
        double[] d = dout.data();
        double[] out = dx.data();
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] * mask[i];
        }
        return dx;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isStochastic() {
        return true;
    }

    @Override
    public void holdRandomDraw(boolean hold) {
        this.hold = hold;
    }

    public double ratio() {
        return ratio;
    }

    /** The mask of the last training forward ({@code 0} or {@code 1/(1 − ratio)} per element), a copy. */
    public double[] mask() {
        return mask == null ? new double[0] : mask.clone();
    }

    /** {@code Dropout(0.5)}. */
    @Override
    public String toString() {
        return "Dropout(" + ratio + ")";
    }
}

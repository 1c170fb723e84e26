package org.bricknet.core.testing;

import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * A dropout-like stochastic test layer: in training, {@code y = x ⊙ m / keep} with a mask
 * {@code m} of Bernoulli({@code keep}) draws made anew by every forward, unless
 * {@link #holdRandomDraw held}; in evaluation, {@code y = x}. Backward: {@code dx = dout ⊙ m / keep}.
 * It counts its draws and remembers whether it is held, so tests can see what a check did to it.
 * {@link #reseed} restarts the draws (the caller's {@link Random} is set to the seed), as Dropout's does.
 */
public final class Drop implements Layer {
    private final double keep;
    private final Random random;
    private boolean training = true;
    private boolean held;
    private int draws;
    private double[] mask;
    private int[] shape;

    public Drop(double keep, Random random) {
        this.keep = keep;
        this.random = random;
    }

    @Override
    public Tensor forward(Tensor x) {
        shape = x.shape();
        if (!training) {
            mask = null;
            return x.copy();
        }
        if (!held || mask == null || mask.length != x.size()) {
            mask = new double[x.size()];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = random.nextDouble() < keep ? 1.0 / keep : 0.0;
            }
            draws++;
        }
        Tensor y = x.copy();
        double[] yd = y.data();
        for (int i = 0; i < yd.length; i++) {
            yd[i] *= mask[i];
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Drop", shape);
        Shapes.requireShape("Drop", "output gradient", shape, dout);
        Tensor dx = dout.copy();
        if (mask != null) {
            double[] d = dx.data();
            for (int i = 0; i < d.length; i++) {
                d[i] *= mask[i];
            }
        }
        return dx;
    }

    @Override
    public void reseed(long seed) {
        random.setSeed(seed);
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isStochastic() {
        return training;
    }

    @Override
    public void holdRandomDraw(boolean hold) {
        this.held = hold;
    }

    public boolean isHeld() {
        return held;
    }

    /** How many masks forward has drawn so far. */
    public int draws() {
        return draws;
    }
}

package org.bricknet.layers;

import java.util.Locale;
import java.util.Random;
import org.bricknet.core.Tensor;

/**
 * How initial weights are drawn: from {@code N(0, std²)}, where {@code std} depends on the fan-in
 * {@code n_in}, the number of inputs each output sums over ({@code in} for {@link Affine},
 * {@code C·KH·KW} for {@link Convolution}).
 *
 * <ul>
 *   <li>{@link #gaussian(double)}: a fixed {@code std}, whatever the fan-in (the book's 0.01);</li>
 *   <li>{@link #xavier()}: {@code std = √(1/n_in)}, the book's "Xavier" for sigmoid and tanh
 *       (Glorot and Bengio's fan-in form; their fan-average form {@code √(2/(n_in+n_out))} is not
 *       this one);</li>
 *   <li>{@link #he()}: {@code std = √(2/n_in)}, for ReLU.</li>
 * </ul>
 * Biases start at zero.
 */
public final class WeightInit {
    private static final String CHOICES =
            "he (or relu), xavier (or glorot, sigmoid), " + "or a standard deviation such as 0.01";

    private final String name;
    private final double gain;
    private final boolean scaled;

    private WeightInit(String name, double gain, boolean scaled) {
        this.name = name;
        this.gain = gain;
        this.scaled = scaled;
    }

    /** A fixed standard deviation, which must be finite and positive. */
    public static WeightInit gaussian(double std) {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException(
                    "WeightInit: standard deviation must be a finite number > 0, got " + std);
        }
        return new WeightInit(Double.toString(std), std, false);
    }

    /** {@code std = √(1/n_in)}. */
    public static WeightInit xavier() {
        return new WeightInit("xavier", 1.0, true);
    }

    /** {@code std = √(2/n_in)}. */
    public static WeightInit he() {
        return new WeightInit("he", 2.0, true);
    }

    /**
     * By name, case-insensitive: {@code he} or {@code relu}; {@code xavier}, {@code glorot} or
     * {@code sigmoid}; or a number, read as a fixed standard deviation.
     */
    public static WeightInit parse(String name) {
        String s = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "he", "relu":
                return he();
            case "xavier", "glorot", "sigmoid":
                return xavier();
            default:
                break;
        }
        double std;
        try {
            std = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "WeightInit: unknown initialisation '" + name + "'; valid choices: " + CHOICES, e);
        }
        return gaussian(std);
    }

    /** The standard deviation used for a layer of fan-in {@code fanIn}. */
    public double std(int fanIn) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("WeightInit: fan-in must be >= 1, got " + fanIn);
        }
        return scaled ? Math.sqrt(gain / fanIn) : gain;
    }

    /** Weights of the given shape drawn from {@code N(0, std(fanIn)²)} with {@code random}. */
    public Tensor sample(Random random, int fanIn, int... shape) {
        return Tensor.randn(random, std(fanIn), shape);
    }

    /** The name {@link #parse} reads back: {@code he}, {@code xavier} or the standard deviation. */
    @Override
    public String toString() {
        return name;
    }
}

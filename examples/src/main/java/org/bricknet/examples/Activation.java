package org.bricknet.examples;

import java.util.Arrays;
import java.util.Locale;
import org.bricknet.core.Layer;
import org.bricknet.layers.Relu;
import org.bricknet.layers.Sigmoid;
import org.bricknet.layers.Tanh;

/** The activations a {@link MultiLayerNet} can use between its Affine layers. */
public enum Activation {
    RELU("Relu"),
    SIGMOID("Sigmoid"),
    TANH("Tanh");

    private final String layerName;

    Activation(String layerName) {
        this.layerName = layerName;
    }

    /** A fresh layer of this activation. */
    public Layer layer() {
        return switch (this) {
            case RELU -> new Relu();
            case SIGMOID -> new Sigmoid();
            case TANH -> new Tanh();
        };
    }

    /** The name a network gives such a layer: {@code Relu}, {@code Sigmoid}, {@code Tanh}. */
    public String layerName() {
        return layerName;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation parse(String s) {
        for (Activation a : values()) {
            if (a.toString().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "unknown activation '" + s + "'; expected one of " + Arrays.toString(values()));
    }
}

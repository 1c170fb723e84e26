package org.bricknet.examples.cli;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.examples.Activation;

/**
 * The networks {@code bench} times, each with its batch size and learning rate, built as the
 * {@code train} command builds them ({@link ModelSpec}).
 */
enum Workload {
    TWO_LAYER("two-layer", 100, 0.1, "TwoLayerNet 784-50-10, ReLU, softmax"),
    WIDE("wide", 100, 0.1, "784-256-256-10, ReLU, He init, softmax"),
    NIELSEN("nielsen", 10, 3.0, "NielsenNetwork 784-30-10, sigmoid, quadratic cost"),
    CNN("cnn", 100, 0.1, "SimpleConvNet conv 30x5x5 - pool - 100 - 10");

    final String label;
    final int batch;
    final double lr;
    private final String description;

    Workload(String label, int batch, double lr, String description) {
        this.label = label;
        this.batch = batch;
        this.lr = lr;
        this.description = description;
    }

    @Override
    public String toString() {
        return label;
    }

    /** Reads {@code --workload}: a label, or a usage error listing the labels. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<Workload> {
        @Override
        public Workload convert(String value) {
            for (Workload w : values()) {
                if (w.label.equals(value)) {
                    return w;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "unknown workload '" + value + "'; expected one of " + String.join(", ", new Labels()));
        }
    }

    /** The labels, for {@code --help}. */
    static final class Labels implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(values()).map(w -> w.label).iterator();
        }
    }

    String describe() {
        return description;
    }

    /** The model's form for data of {@code train}'s geometry and classes. */
    ModelSpec spec(Dataset train) {
        int[] image = train.imageShape();
        int[] input = image != null ? image : new int[] {train.valuesPerExample()};
        int classes = train.classes();
        return switch (this) {
            case TWO_LAYER -> ModelSpec.of(ModelSpec.Kind.TWO_LAYER, input, new int[] {50}, classes);
            case WIDE ->
                new ModelSpec(
                        ModelSpec.Kind.MLP, input, new int[] {256, 256}, classes, Activation.RELU, "he", 0, false, 0);
            case NIELSEN -> ModelSpec.of(ModelSpec.Kind.NIELSEN, input, new int[] {30}, classes);
            case CNN -> {
                if (image == null) {
                    throw new CliException("--workload cnn takes images; the training data's examples are flat");
                }
                yield ModelSpec.of(ModelSpec.Kind.CNN, image, new int[] {100}, classes);
            }
        };
    }

    Network build(Dataset train, Random random) {
        return spec(train).build(random);
    }

    /** The data in the form the workload's model takes. */
    Dataset input(Dataset train) {
        return spec(train).shape(train);
    }
}

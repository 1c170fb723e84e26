package org.bricknet.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.inspect.Activations;
import org.bricknet.examples.plots.ActivationHistograms;
import org.bricknet.layers.WeightInit;

/**
 * The book's chapter 6 experiment ({@code weight_init_activation_histogram.py}) on real digits: a
 * thousand embedded digits go forward through five hidden layers of 100 units, built with each of
 * three weight initialisations, and a histogram of every hidden layer's activations shows what
 * the initialisation does before any training. With sigmoid: a standard deviation of 1 drives the
 * units to 0 and 1 (where the gradient vanishes), 0.01 squeezes them around 0.5 (every unit says
 * the same), Xavier's {@code 1/√n} keeps them spread. With ReLU: 0.01 lets the signal die out
 * layer by layer, Xavier shrinks it, He's {@code √(2/n)} keeps it.
 *
 * <p>Writes {@code initialisation-sigmoid.png} and {@code initialisation-relu.png} into the
 * directory given (the current one unless given).
 */
public final class InitialisationDemo {
    private InitialisationDemo() {}

    /** The hidden layers' activations for each initialisation, one row per initialisation. */
    public static Map<String, Map<String, Tensor>> activations(
            Tensor x, Activation activation, Map<String, WeightInit> inits, long seed) {
        Map<String, Map<String, Tensor>> rows = new LinkedHashMap<>();
        inits.forEach((name, init) -> {
            MultiLayerNet net = new MultiLayerNet(
                    x.cols(), new int[] {100, 100, 100, 100, 100}, 10, activation, init, 0, 0, false, new Random(seed));
            rows.put(name, Activations.record(net, x));
        });
        return rows;
    }

    public static void main(String... args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        Tensor x = Datasets.mnist10k().train().slice(0, 1000).inputs();
        Map<String, WeightInit> sigmoid = new LinkedHashMap<>();
        sigmoid.put("weights N(0, 1)", WeightInit.gaussian(1));
        sigmoid.put("weights N(0, 0.01²)", WeightInit.gaussian(0.01));
        sigmoid.put("Xavier: N(0, 1/n)", WeightInit.xavier());
        ActivationHistograms.write(
                activations(x, Activation.SIGMOID, sigmoid, 42),
                "sigmoid activations of 5 hidden layers of 100 units, 1,000 embedded digits, by initialisation",
                dir.resolve("initialisation-sigmoid.png"));
        Map<String, WeightInit> relu = new LinkedHashMap<>();
        relu.put("weights N(0, 0.01²)", WeightInit.gaussian(0.01));
        relu.put("Xavier: N(0, 1/n)", WeightInit.xavier());
        relu.put("He: N(0, 2/n)", WeightInit.he());
        ActivationHistograms.write(
                activations(x, Activation.RELU, relu, 42),
                "ReLU activations of 5 hidden layers of 100 units, 1,000 embedded digits, by initialisation",
                dir.resolve("initialisation-relu.png"));
        System.out.println("wrote " + dir.resolve("initialisation-sigmoid.png") + " and "
                + dir.resolve("initialisation-relu.png"));
    }
}

package org.bricknet.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bricknet.core.io.Mnist;
import org.bricknet.examples.plots.GradientNormPlot;
import org.bricknet.optim.Sgd;
import org.bricknet.optim.training.GradientNorms;
import org.bricknet.optim.training.Trainer;

/**
 * Nielsen's chapter 5 experiment: a deep sigmoid network (784-30-30-30-30-10, his quadratic cost
 * and N(0, 1) weights, {@link NielsenNetwork}) trained on the embedded digits, each layer's
 * gradient norm recorded per epoch ({@link GradientNorms}) and drawn for the biases, which are
 * {@code δ} itself, as Nielsen draws it (every hidden layer has 30 units, so the norms compare).
 * The first layer learns far more slowly than the last: its gradient is much smaller, the
 * vanishing gradient.
 *
 * <p>Writes {@code vanishing-gradients.png} into the directory given (the current one unless
 * given); a second argument sets the epochs (10 unless given).
 */
public final class VanishingGradientDemo {
    private VanishingGradientDemo() {}

    /** Trains the deep network for {@code epochs} and returns the gradient norms it recorded. */
    public static GradientNorms run(Mnist.Split data, int epochs, long seed) {
        NielsenNetwork net = new NielsenNetwork(new Random(seed), 784, 30, 30, 30, 30, 10);
        GradientNorms norms = new GradientNorms();
        new Trainer(net, new Sgd(0.1))
                .epochs(epochs)
                .batchSize(10)
                .seed(seed)
                .evaluateOn(data.test())
                .trainAccuracy(false)
                .watchGradients(norms)
                .fit(data.train());
        return norms;
    }

    public static void main(String... args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Files.createDirectories(dir);
        GradientNorms norms = run(Datasets.mnist10k(), epochs, 42);
        Path file = dir.resolve("vanishing-gradients.png");
        GradientNormPlot.write(
                norms,
                java.util.List.of("b1", "b2", "b3", "b4", "b5"),
                "784-30-30-30-30-10 sigmoid: the gradient of each layer's biases (Nielsen's ‖δ‖), embedded digits",
                file);
        System.out.println("wrote " + file);
    }
}

package org.bricknet.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Sigmoid;
import org.bricknet.losses.SigmoidWithLoss;
import org.bricknet.optim.Sgd;
import org.bricknet.optim.training.Progress;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;

/**
 * The 400-25-10 network of the classic machine-learning tutorial's neural-network exercise: 20×20
 * digit images (400 inputs), 25 sigmoid hidden units, 10 sigmoid outputs, each output a logistic
 * regression of "is it this digit?" against the one-hot rows of the labels, trained by full-batch
 * gradient descent.
 *
 * <ul>
 *   <li>Cost: {@code J = (1/m)·Σ_i Σ_k −[y_ik·log h_k(x_i) + (1 − y_ik)·log(1 − h_k(x_i))] +
 *       (λ/2m)·Σ θ²} over the weights, not the biases: {@code SigmoidWithLoss(MEAN_OVER_BATCH)} (the
 *       sum over the ten outputs, the mean over the m examples; the class indices stand for the one-hot
 *       rows) and weight decay {@code λ/m}.
 *   <li>Initial weights and biases uniform in {@code [−0.12, 0.12]} (the tutorial's
 *       {@code epsilon_init}).
 *   <li>{@link #train}: every step on the whole training set, {@code θ ← θ − α·∇J}.
 * </ul>
 *
 * Layers {@code Affine1 → Sigmoid1 → Affine2} and the loss; parameters {@code W1, b1, W2, b2}. The
 * embedded digits scaled to 20×20 ({@link Downscale}) give its inputs.
 */
public class LogisticDigitsNetwork extends Network {
    /** The tutorial's initial range. */
    public static final double EPSILON_INIT = 0.12;

    public LogisticDigitsNetwork(int inputs, int hidden, int outputs, Random random) {
        add("Affine1", new Affine(uniform(random, inputs, hidden), uniform(random, hidden)));
        add("Sigmoid1", new Sigmoid());
        add("Affine2", new Affine(uniform(random, hidden, outputs), uniform(random, outputs)));
        withLoss(new SigmoidWithLoss(SigmoidWithLoss.Reduction.MEAN_OVER_BATCH));
    }

    /** The tutorial's 400-25-10 network. */
    public LogisticDigitsNetwork(Random random) {
        this(400, 25, 10, random);
    }

    private static Tensor uniform(Random random, int... shape) {
        return Tensor.uniform(random, -EPSILON_INIT, EPSILON_INIT, shape);
    }

    /**
     * {@code steps} steps of full-batch gradient descent at rate α with regularisation λ (the cost's
     * {@code λ/2m}); prints the cost and the accuracies every {@code printEvery} steps to {@code out}
     * (null prints nothing). The history has one epoch per step, with the test set's loss and
     * accuracy when {@code test} is given.
     */
    public TrainingHistory train(
            Dataset training, int steps, double alpha, double lambda, Dataset test, int printEvery, PrintStream out) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("LogisticDigitsNetwork: expected λ finite and >= 0, got " + lambda);
        }
        withWeightDecay(lambda / training.size());
        return new Trainer(this, new Sgd(alpha))
                .epochs(steps)
                .fullBatch()
                .trainAccuracy(false)
                .evaluateOn(test)
                .progress(Progress.QUIET)
                .onEpoch(e -> {
                    if (out != null && (e.epoch() % printEvery == 0 || e.epoch() == steps)) {
                        out.printf(
                                Locale.ROOT,
                                "step %d: cost %.4f%s%n",
                                e.epoch(),
                                e.meanLoss(),
                                e.hasTestAccuracy()
                                        ? String.format(
                                                Locale.ROOT,
                                                ", test cost %.4f, test accuracy %.4f",
                                                e.testLoss(),
                                                e.testAccuracy())
                                        : "");
                    }
                })
                .fit(training);
    }

    /**
     * The embedded digits scaled to 20×20, the 400-25-10 network trained by full-batch gradient
     * descent. Arguments: {@code [STEPS] [ALPHA] [LAMBDA]} (defaults 2000, 2.0 and 1.0).
     */
    public static void main(String... args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double alpha = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        double lambda = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        org.bricknet.core.io.Mnist.Split data = Downscale.split(Datasets.mnist10k(), 20);
        LogisticDigitsNetwork net = new LogisticDigitsNetwork(new Random(42));
        net.train(data.train(), steps, alpha, lambda, data.test(), 100, System.out);
        System.out.printf(
                Locale.ROOT,
                "training accuracy %.2f%%, test accuracy %.2f%%%n",
                100 * net.accuracy(data.train().inputs(), data.train().targets()),
                100 * net.accuracy(data.test().inputs(), data.test().targets()));
    }
}

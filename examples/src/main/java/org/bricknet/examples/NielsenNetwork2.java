package org.bricknet.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.BadFileException;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Sigmoid;
import org.bricknet.losses.MeanSquaredError;
import org.bricknet.losses.SigmoidWithLoss;
import org.bricknet.optim.Sgd;
import org.bricknet.optim.training.EpochStats;
import org.bricknet.optim.training.Progress;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;

/**
 * Michael Nielsen's improved {@code network2.py} (chapter 3 of "Neural Networks and Deep
 * Learning"): sigmoid layers of the given sizes, the cross-entropy cost on the sigmoid outputs, L2
 * regularisation with {@code λ/n}, weights drawn from N(0, 1/n_in), and {@link #sgd} with his four
 * monitor flags and per-epoch printout.
 *
 * <ul>
 *   <li>Layers: {@code Affine<i> → Sigmoid<i>} for each hidden layer, then the last {@code Affine}.
 *       With {@link Cost#CROSS_ENTROPY} the last sigmoid lives inside the loss,
 *       {@code SigmoidWithLoss(MEAN_OVER_BATCH)}: his {@code CrossEntropyCost} sums over the outputs
 *       and averages over the batch, where the default {@code SigmoidWithLoss} (PyTorch's) would
 *       average over the outputs too, ten times smaller on ten classes. With {@link Cost#QUADRATIC}
 *       it is an explicit {@code Sigmoid} and {@code MeanSquaredError}, as in {@link NielsenNetwork}.
 *   <li>Initialisation ({@code default_weight_initializer}): weights N(0, 1/n_in), biases N(0, 1);
 *       {@link Init#LARGE} ({@code large_weight_initializer}) draws both from N(0, 1).
 *   <li>L2: his step {@code w → (1 − ηλ/n)·w − η·∇C₀} is plain SGD on the loss plus
 *       {@code ½·(λ/n)·Σw²}: {@link Network#withWeightDecay} with {@code λ/n}, n the training set's
 *       size, set by {@link #sgd}.
 *   <li>Costs printed as his {@code total_cost}: the mean cost plus {@code ½·(λ/len(data))·Σ‖w‖²},
 *       where {@code len(data)} is the size of the set costed (so the evaluation cost's term uses the
 *       evaluation set's size, not the training set's as the trainer's history does).
 * </ul>
 *
 * Parameters are {@code W1, b1, W2, b2, ...} with {@code W} shaped {@code (in, out)}, the transpose
 * of his {@code (out, in)}; {@link #save} and {@link #load} read and write his JSON format, so a
 * model moves between the two. It computes by whole mini-batches, not example by example.
 */
public class NielsenNetwork2 extends Network {
    /** The cost of the output layer. */
    public enum Cost {
        /** {@code CrossEntropyCost}: {@code Σ_j −[y_j·ln a_j + (1 − y_j)·ln(1 − a_j)]} per example. */
        CROSS_ENTROPY("CrossEntropyCost"),
        /** {@code QuadraticCost}: {@code ½‖a − y‖²} per example. */
        QUADRATIC("QuadraticCost");

        private final String pythonName;

        Cost(String pythonName) {
            this.pythonName = pythonName;
        }

        /** The class name {@code network2.py} writes into its JSON files. */
        public String pythonName() {
            return pythonName;
        }
    }

    /** The initial weights. */
    public enum Init {
        /** Weights N(0, 1/n_in), biases N(0, 1): {@code default_weight_initializer}. */
        DEFAULT,
        /** Weights and biases N(0, 1): {@code large_weight_initializer}, as {@code network.py}. */
        LARGE
    }

    private final int[] sizes;
    private final Cost cost;

    /** The cross-entropy network with the default initialisation, e.g. sizes 784, 30, 10. */
    public NielsenNetwork2(Random random, int... sizes) {
        this(Cost.CROSS_ENTROPY, Init.DEFAULT, random, sizes);
    }

    public NielsenNetwork2(Cost cost, Init init, Random random, int... sizes) {
        this(cost, sizes, init(init, random, sizes));
    }

    /** A network over the given weights {@code (in, out)} and biases {@code (out)}, layer by layer. */
    NielsenNetwork2(Cost cost, int[] sizes, Tensor[][] weightsAndBiases) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException(
                    "NielsenNetwork2: expected at least two layer sizes, got " + sizes.length);
        }
        this.sizes = sizes.clone();
        this.cost = java.util.Objects.requireNonNull(cost, "NielsenNetwork2: expected a cost, got null");
        int last = sizes.length - 1;
        for (int i = 1; i < sizes.length; i++) {
            add("Affine" + i, new Affine(weightsAndBiases[i - 1][0], weightsAndBiases[i - 1][1]));
            if (i < last || cost == Cost.QUADRATIC) {
                add("Sigmoid" + i, new Sigmoid());
            }
        }
        withLoss(
                cost == Cost.QUADRATIC
                        ? new MeanSquaredError()
                        : new SigmoidWithLoss(SigmoidWithLoss.Reduction.MEAN_OVER_BATCH));
    }

    private static Tensor[][] init(Init init, Random random, int[] sizes) {
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException(
                        "NielsenNetwork2: layer sizes must be at least 1, got " + java.util.Arrays.toString(sizes));
            }
        }
        Tensor[][] wb = new Tensor[Math.max(0, sizes.length - 1)][];
        for (int i = 1; i < sizes.length; i++) {
            double std = init == Init.LARGE ? 1.0 : 1.0 / Math.sqrt(sizes[i - 1]);
            wb[i - 1] =
                    new Tensor[] {Tensor.randn(random, std, sizes[i - 1], sizes[i]), Tensor.randn(random, 1.0, sizes[i])
                    };
        }
        return wb;
    }

    /** The layer sizes, input first. */
    public int[] sizes() {
        return sizes.clone();
    }

    public Cost cost() {
        return cost;
    }

    /** What {@link #sgd} monitored, one value per epoch, as {@code network2.py}'s four lists. */
    public record Monitor(
            double[] evaluationCost,
            int[] evaluationAccuracy,
            double[] trainingCost,
            int[] trainingAccuracy,
            TrainingHistory history) {}

    /**
     * {@code network2.py}'s {@code SGD}: {@code epochs} passes over a fresh shuffle of
     * {@code training} (drawn from {@code random}) in mini-batches of {@code miniBatchSize}, step η,
     * L2 λ; after each epoch it prints {@code "Epoch j training complete"} (j from 0, as he counts)
     * and whatever the flags ask for, in his words ({@code "Cost on training data: …"},
     * {@code "Accuracy on evaluation data: 9512 / 10000"}), then an empty line. The evaluation flags
     * need {@code evaluation}.
     */
    public Monitor sgd(
            Dataset training,
            int epochs,
            int miniBatchSize,
            double eta,
            double lambda,
            Dataset evaluation,
            boolean monitorEvaluationCost,
            boolean monitorEvaluationAccuracy,
            boolean monitorTrainingCost,
            boolean monitorTrainingAccuracy,
            Random random,
            PrintStream out) {
        if ((monitorEvaluationCost || monitorEvaluationAccuracy) && evaluation == null) {
            throw new IllegalArgumentException(
                    "NielsenNetwork2.sgd: monitoring the evaluation data needs" + " evaluation data, got none");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("NielsenNetwork2.sgd: expected λ finite and >= 0, got " + lambda);
        }
        withWeightDecay(lambda / training.size());
        double[] evalCost = new double[epochs];
        int[] evalAcc = new int[epochs];
        double[] trainCost = new double[epochs];
        int[] trainAcc = new int[epochs];
        boolean scoreEvaluation = monitorEvaluationCost || monitorEvaluationAccuracy;
        TrainingHistory history = new Trainer(this, new Sgd(eta))
                .epochs(epochs)
                .batchSize(miniBatchSize)
                .random(random)
                .evaluateOn(scoreEvaluation ? evaluation : null)
                .trainAccuracy(monitorTrainingAccuracy)
                .progress(Progress.QUIET)
                .onEpoch(e -> {
                    int j = e.epoch() - 1;
                    out.println("Epoch " + j + " training complete");
                    if (monitorTrainingCost) {
                        trainCost[j] = totalCost(training, lambda);
                        out.println("Cost on training data: " + trainCost[j]);
                    }
                    if (monitorTrainingAccuracy) {
                        trainAcc[j] = (int) Math.round(e.trainAccuracy() * training.size());
                        out.println("Accuracy on training data: " + trainAcc[j] + " / " + training.size());
                    }
                    if (monitorEvaluationCost) {
                        evalCost[j] = evaluationCost(e, evaluation.size(), lambda);
                        out.println("Cost on evaluation data: " + evalCost[j]);
                    }
                    if (monitorEvaluationAccuracy) {
                        evalAcc[j] = (int) Math.round(e.testAccuracy() * evaluation.size());
                        out.println("Accuracy on evaluation data: " + evalAcc[j] + " / " + evaluation.size());
                    }
                    out.println();
                })
                .fit(training);
        return new Monitor(evalCost, evalAcc, trainCost, trainAcc, history);
    }

    /**
     * His {@code total_cost(data, λ)}: the mean cost over {@code data} (in evaluation mode) plus
     * {@code ½·(λ/len(data))·Σ‖w‖²}.
     */
    public double totalCost(Dataset data, double lambda) {
        double sum = 0;
        for (int from = 0; from < data.size(); from += 1000) {
            Dataset part = data.slice(from, Math.min(data.size(), from + 1000));
            sum += (evaluationLoss(part.inputs(), part.targets()) - decayTerm()) * part.size();
        }
        return sum / data.size() + 0.5 * lambda / data.size() * squaredWeights();
    }

    /** His evaluation cost from the trainer's test loss, which carries the training set's decay term. */
    private double evaluationCost(EpochStats e, int evaluationSize, double lambda) {
        return e.testLoss() - decayTerm() + 0.5 * lambda / evaluationSize * squaredWeights();
    }

    /** The network's decay term {@code ½·λ'·Σw²}. */
    private double decayTerm() {
        return 0.5 * weightDecay() * squaredWeights();
    }

    private double squaredWeights() {
        double s = 0;
        for (var p : parameters().values()) {
            if (p.isWeight()) {
                s += p.value().multiply(p.value()).sum();
            }
        }
        return s;
    }

    /** Writes the network in {@code network2.py}'s JSON format (atomically). */
    public void save(Path file) throws IOException {
        Network2Json.save(this, file);
    }

    /** Reads a network saved by {@link #save} or by {@code network2.py}'s {@code save}. */
    public static NielsenNetwork2 load(Path file) throws IOException, BadFileException {
        return Network2Json.load(file);
    }

    /**
     * His chapter 3 run: 784-30-10, cross-entropy, 30 epochs of mini-batches of 10, η = 0.5, λ = 5.0,
     * monitoring the evaluation accuracy, on the embedded digits or on the MNIST-layout directory
     * given. Arguments: {@code [DATA_DIR|-] [EPOCHS] [HIDDEN] [ETA] [LAMBDA]}.
     */
    public static void main(String... args) throws IOException {
        Path dir = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : null;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        double eta = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
        double lambda = args.length > 4 ? Double.parseDouble(args[4]) : 5.0;
        org.bricknet.core.io.Mnist.Split data = Datasets.load(dir);
        Random random = new Random(42);
        NielsenNetwork2 net = new NielsenNetwork2(random, data.train().inputs().cols(), hidden, 10);
        Monitor m = net.sgd(
                data.train(), epochs, 10, eta, lambda, data.test(), false, true, false, false, random, System.out);
        int last = m.evaluationAccuracy()[epochs - 1];
        System.out.printf(
                Locale.ROOT,
                "final accuracy on the evaluation data: %d / %d = %.2f%%%n",
                last,
                data.test().size(),
                100.0 * last / data.test().size());
    }
}

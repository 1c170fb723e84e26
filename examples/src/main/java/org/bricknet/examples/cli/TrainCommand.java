package org.bricknet.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.engine.Engine;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.examples.Activation;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingDivergedException;
import org.bricknet.optim.training.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train}: a network on digits, with progress, per-epoch accuracy, saving and plots. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a network on handwritten digits and report its test accuracy.",
            "Defaults per model (hidden / epochs / batch / optimizer lr):",
            "  two-layer  50 / 100 / 100 / sgd 0.1     (the book's TwoLayerNet, about its 10,000 steps)",
            "  nielsen    30 / 30 / 10 / sgd 3.0       (network.py's run)",
            "  mlp        100,100,100 / 20 / 100 / sgd 0.1",
            "  cnn        100 / 10 / 100 / adam 0.001   (the book's SimpleConvNet)"
        })
public final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            defaultValue = "two-layer",
            paramLabel = "KIND",
            description = "two-layer, nielsen, mlp or cnn; default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--hidden", paramLabel = "H[,H...]", description = "hidden layer sizes, e.g. 100,100,100")
    String hidden;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training set")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "examples per step")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "ETA", description = "learning rate")
    Double lr;

    @Option(
            names = "--optimizer",
            paramLabel = "NAME",
            description =
                    "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw; or lbfgs: full-batch L-BFGS with --epochs as its most iterations")
    String optimizer;

    @Option(
            names = "--activation",
            defaultValue = "relu",
            paramLabel = "F",
            description = "mlp: relu, sigmoid or tanh; default: ${DEFAULT-VALUE}")
    String activation;

    @Option(
            names = "--init",
            defaultValue = "he",
            paramLabel = "I",
            description = "mlp: he, xavier or a standard deviation such as 0.01; default: ${DEFAULT-VALUE}")
    String init;

    @Option(
            names = "--dropout",
            defaultValue = "0",
            paramLabel = "R",
            description = "mlp: dropout ratio after each hidden layer; default: ${DEFAULT-VALUE}")
    double dropout;

    @Option(names = "--batch-norm", description = "mlp: batch normalization before each activation")
    boolean batchNorm;

    @Option(
            names = "--weight-decay",
            defaultValue = "0",
            paramLabel = "L",
            description = "mlp: L2 weight decay λ; default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "random seed for weights, dropout and shuffles; default: 42")
    Long seed;

    @Mixin
    OptimizerOptions hyper;

    @Mixin
    DataOption data;

    @Mixin
    CheckpointOptions checkpoints;

    @Option(names = "--save", paramLabel = "FILE", description = "save the trained model (safetensors) to FILE")
    Path save;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw loss and accuracy per epoch into a PNG")
    Path plot;

    @Option(
            names = "--plot-weights",
            paramLabel = "FILE.png",
            description = "draw the first layer's weights (conv filters or W1 rows as 28x28 tiles) into a PNG")
    Path plotWeights;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Checkpoint from = checkpoints.load();
        ModelSpec resumedSpec = from == null ? null : checkpoints.spec(from);
        ModelSpec.Kind kind = from != null ? resumedSpec.kind() : parse("--model", () -> ModelSpec.Kind.parse(model));
        Defaults d = Defaults.of(kind);
        int[] hiddenSizes = hidden == null ? d.hidden : parse("--hidden", () -> ModelSpec.ints(hidden));
        int n = positive("--epochs", epochs != null ? epochs : from != null ? checkpoints.epochs(from) : d.epochs);
        int b = positive("--batch-size", batchSize != null ? batchSize : from != null ? from.batchSize() : d.batch);
        double eta = lr != null ? lr : from != null ? from.learningRate() : d.lr;
        String optName = optimizer != null ? optimizer : from != null ? from.optimizer() : d.optimizer;
        long seed = from != null && this.seed == null ? from.seed() : this.seed != null ? this.seed : 42;
        if (from != null) {
            checkpoints.requireAgrees(spec.commandLine(), resumedSpec, from, optName, eta, seed, b);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new ParameterException(spec.commandLine(), "--lr must be a finite number > 0, got " + eta);
        }
        boolean fullBatch = FullBatchTraining.NAME.equalsIgnoreCase(optName);
        if (fullBatch && (from != null || checkpoints.target() != null || plot != null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--optimizer lbfgs trains on the full batch: it takes no --checkpoint, --resume or --plot");
        }
        Optimizer opt =
                fullBatch ? hyper.none(spec.commandLine()) : hyper.create(spec.commandLine(), optName, eta, from);
        Mnist.Split split = data.load();
        int[] input = kind == ModelSpec.Kind.CNN
                ? new int[] {1, side(split.train()), side(split.train())}
                : new int[] {split.train().inputs().cols()};
        ModelSpec modelSpec = from != null
                ? resumedSpec
                : parse(
                        "the model options",
                        () -> new ModelSpec(
                                kind,
                                input,
                                hiddenSizes,
                                split.train().classes(),
                                kind == ModelSpec.Kind.NIELSEN ? Activation.SIGMOID : Activation.parse(activation),
                                init,
                                dropout,
                                batchNorm,
                                weightDecay));
        Dataset train = modelSpec.shape(split.train());
        Dataset test = modelSpec.shape(split.test());
        Network net = modelSpec.build(new Random(seed));

        PrintStream out = System.out;
        out.println("matrix products: " + Engine.implementation());
        if (!Engine.advice().isEmpty()) {
            out.println("note: " + Engine.advice());
        }
        out.printf(
                "training %s on %s: %d training and %d test examples, %s, seed %d%n",
                modelSpec,
                data.describe(),
                train.size(),
                test.size(),
                fullBatch
                        ? "full batch, L-BFGS of at most " + n + " iterations"
                        : n + " epochs, batch " + b + ", " + optName + " lr " + eta,
                seed);
        if (fullBatch) {
            String refusal = FullBatchTraining.refusal(modelSpec, net);
            if (refusal != null) {
                throw new ParameterException(spec.commandLine(), refusal);
            }
            double acc = FullBatchTraining.run(net, train, test, n, out);
            out.printf(
                    "final test accuracy: %.2f%% (%d / %d)%n", 100 * acc, Math.round(acc * test.size()), test.size());
            saveAndDraw(net, modelSpec, out);
            return 0;
        }
        Trainer trainer = new Trainer(net, opt)
                .epochs(n)
                .batchSize(b)
                .seed(seed)
                .evaluateOn(test)
                .output(out);
        if (from != null) {
            trainer.resumeFrom(from, checkpoints.resumedFile());
            out.printf("resuming after epoch %d of %d from %s%n", from.epoch(), n, checkpoints.resumedFile());
        }
        if (checkpoints.target() != null) {
            trainer.checkpointTo(
                    checkpoints.target(),
                    OptimizerOptions.withHyperparameters(CheckpointOptions.metadata(modelSpec, n), opt));
        }
        TrainingHistory history;
        try {
            history = trainer.fit(train);
        } catch (TrainingDivergedException e) {
            if (save != null) {
                ModelFiles.save(save, net, modelSpec.metadata());
                out.println("saved the last good parameters to " + save);
            }
            throw e;
        }
        double acc = history.last().testAccuracy();
        out.printf("final test accuracy: %.2f%% (%d / %d)%n", 100 * acc, Math.round(acc * test.size()), test.size());
        if (plot != null) {
            Plots.history(history, modelSpec.toString(), plot);
            out.println("saved plot to " + plot);
        }
        saveAndDraw(net, modelSpec, out);
        return 0;
    }

    /** {@code --save} and {@code --plot-weights}, when given. */
    private void saveAndDraw(Network net, ModelSpec modelSpec, PrintStream out) throws java.io.IOException {
        if (save != null) {
            ModelFiles.save(save, net, modelSpec.metadata());
            out.println("saved model to " + save);
        }
        if (plotWeights != null) {
            Plots.firstLayer(net, plotWeights);
            out.println("saved first-layer weights to " + plotWeights);
        }
    }

    /** The default hidden sizes of a model kind. */
    static int[] defaultHidden(ModelSpec.Kind kind) {
        return Defaults.of(kind).hidden.clone();
    }

    /** The per-model defaults listed in the command's description. */
    private record Defaults(int[] hidden, int epochs, int batch, String optimizer, double lr) {
        static Defaults of(ModelSpec.Kind kind) {
            return switch (kind) {
                case TWO_LAYER -> new Defaults(new int[] {50}, 100, 100, "sgd", 0.1);
                case NIELSEN -> new Defaults(new int[] {30}, 30, 10, "sgd", 3.0);
                case MLP -> new Defaults(new int[] {100, 100, 100}, 20, 100, "sgd", 0.1);
                case CNN -> new Defaults(new int[] {100}, 10, 100, "adam", 0.001);
            };
        }
    }

    private static int side(Dataset d) {
        int cols = d.inputs().cols();
        int s = (int) Math.round(Math.sqrt(cols));
        if (s * s != cols) {
            throw new IllegalArgumentException("cnn: expected square images, got " + cols + " values per example");
        }
        return s;
    }

    private <T> T parse(String what, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), what + ": " + e.getMessage());
        }
    }

    private int positive(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
        return value;
    }
}

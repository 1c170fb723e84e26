package org.bricknet.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.engine.Engine;
import org.bricknet.core.io.Mnist;
import org.bricknet.examples.Activation;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingDivergedException;
import org.bricknet.optim.training.TrainingHistory;
import picocli.CommandLine;
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
            "  cnn        100 / 10 / 100 / adam 0.001   (the book's SimpleConvNet)",
            "Or --architecture FILE.json: any graph, with the defaults of the file's training section."
        })
public final class TrainCommand implements Callable<Integer> {
    /** The most epochs a run may ask for. */
    static final int MAX_EPOCHS = 1_000_000;

    /** Rows per forward pass when scoring after each epoch (the batch size for the convolutional net). */
    static final int EVALUATION_ROWS = 1000;

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

    @Mixin
    ArchitectureOption architecture;

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
        CommandLine cl = spec.commandLine();
        Checkpoint from = checkpoints.load();
        if (GraphTraining.wanted(architecture, from)) {
            return GraphTraining.run(this, from);
        }
        ModelSpec resumedSpec = from == null ? null : checkpoints.spec(from);
        ModelSpec.Kind kind = from != null ? resumedSpec.kind() : parse("--model", () -> ModelSpec.Kind.parse(model));
        ModelOptions.Defaults d = ModelOptions.Defaults.of(kind);
        String optName = optimizer != null ? optimizer : from != null ? from.optimizer() : d.optimizer();
        boolean fullBatch = FullBatchTraining.NAME.equalsIgnoreCase(optName);
        int[] hiddenSizes = hidden == null ? d.hidden() : ModelOptions.hidden(cl, hidden);
        if (from == null) {
            ModelOptions.requireApplicable(cl, kind, fullBatch, hiddenSizes.length);
        }
        if (fullBatch && FullBatchTraining.refusal(kind, dropout) != null) {
            throw new ParameterException(cl, FullBatchTraining.refusal(kind, dropout));
        }
        int n = Bounds.in(
                cl,
                "--epochs",
                epochs != null ? epochs : from != null ? checkpoints.epochs(from) : d.epochs(),
                1,
                MAX_EPOCHS);
        int b = Bounds.in(
                cl,
                "--batch-size",
                batchSize != null ? batchSize : from != null ? from.batchSize() : d.batch(),
                1,
                Integer.MAX_VALUE);
        double eta = Bounds.in(
                cl, "--lr", lr != null ? lr : from != null ? from.learningRate() : d.lr(), 0, Double.MAX_VALUE, true);
        Bounds.in(cl, "--dropout", dropout, 0, 0.999, false);
        Bounds.in(cl, "--weight-decay", weightDecay, 0, 1e6, false);
        long seed = from != null && this.seed == null ? from.seed() : this.seed != null ? this.seed : 42;
        if (from != null) {
            checkpoints.requireAgrees(cl, resumedSpec, from, optName, eta, seed, b);
            checkpoints.requireTarget(cl, from, n);
        }
        if (!fullBatch && !Optimizers.NAMES.contains(optName.toLowerCase(java.util.Locale.ROOT))) {
            throw new ParameterException(
                    cl,
                    "--optimizer: expected one of " + String.join(", ", Optimizers.NAMES) + " or "
                            + FullBatchTraining.NAME + ", got '" + optName + "'");
        }
        Activation act = parse("--activation", () -> Activation.parse(activation));
        Optimizer opt =
                fullBatch ? hyper.none(spec.commandLine()) : hyper.create(spec.commandLine(), optName, eta, from);
        OutputPaths outputs =
                new OutputPaths().file("--save", save).file("--plot", plot).file("--plot-weights", plotWeights);
        checkpoints.addTo(outputs);
        data.files().forEach(f -> outputs.input("a data file of --data", f));
        outputs.check();

        Mnist.Split split = data.load();
        ModelSpec modelSpec = from != null ? resumedSpec : newSpec(kind, hiddenSizes, act, split.train());
        Dataset train = fit(modelSpec, split.train(), "the training data");
        Dataset test = fit(modelSpec, split.test(), "the test data");
        if (from != null) {
            checkpoints.requireSameData(from, train);
        }
        PrintStream out = System.out;
        Results results = new Results(save, plot, plotWeights, out, cl.getErr());
        if (plotWeights != null && Plots.firstLayerRefusal(modelSpec) != null) {
            throw new CliException(Plots.firstLayerRefusal(modelSpec));
        }
        if (b > train.size()) {
            out.printf(
                    "note: --batch-size %d is more than the %d training examples; each batch is all of them%n",
                    b, train.size());
            b = train.size();
        }
        int evaluationRows = kind == ModelSpec.Kind.CNN ? b : EVALUATION_ROWS;
        if (fullBatch) {
            FullBatchTraining.requireMemory(modelSpec, train);
        } else {
            ModelSize.require(
                    modelSpec,
                    b,
                    evaluationRows,
                    2,
                    ModelSize.optimizerSlots(opt),
                    "training " + modelSpec + " with " + optName + ", batch " + b);
        }
        Network net = modelSpec.build(new Random(seed));

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
            double acc = FullBatchTraining.run(net, train, test, n, out);
            out.printf(
                    "final test accuracy: %.2f%% (%d / %d)%n", 100 * acc, Math.round(acc * test.size()), test.size());
            return results.saveAndDraw(net, modelSpec, null);
        }
        Trainer trainer = new Trainer(net, opt)
                .epochs(n)
                .batchSize(b)
                .seed(seed)
                .evaluateOn(test)
                .evaluationBatchSize(evaluationRows)
                .output(out);
        if (from != null) {
            trainer.resumeFrom(from, checkpoints.resumedFile());
            out.printf("resuming after epoch %d of %d from %s%n", from.epoch(), n, checkpoints.resumedFile());
        }
        if (checkpoints.target() != null) {
            Path dir = checkpoints.target();
            trainer.checkpointTo(
                            dir, OptimizerOptions.withHyperparameters(CheckpointOptions.metadata(modelSpec, n), opt))
                    .onEpoch(e -> Signals.note("the checkpoint of epoch " + e.epoch() + " is in " + dir));
            Signals.note(
                    from == null
                            ? "no epoch was complete: " + dir + " holds no checkpoint of this run"
                            : "the checkpoint of epoch " + from.epoch() + " is in " + dir);
        }
        TrainingHistory history;
        try {
            history = trainer.fit(train);
        } catch (TrainingDivergedException e) {
            results.keepLastGood(net, modelSpec, e);
            throw e;
        }
        double acc = history.last().testAccuracy();
        out.printf("final test accuracy: %.2f%% (%d / %d)%n", 100 * acc, Math.round(acc * test.size()), test.size());
        return results.saveAndDraw(net, modelSpec, history);
    }

    /** A fresh model's form: the data's geometry, the options given, the kind's defaults. */
    private ModelSpec newSpec(ModelSpec.Kind kind, int[] hiddenSizes, Activation act, Dataset train) {
        int[] image = train.imageShape();
        if (kind == ModelSpec.Kind.CNN && image == null) {
            throw new CliException("--model cnn takes images; the training data's examples are flat vectors");
        }
        int[] input = image != null ? image : new int[] {train.valuesPerExample()};
        return parse(
                "the model options",
                () -> new ModelSpec(
                        kind,
                        input,
                        hiddenSizes,
                        train.classes(),
                        kind == ModelSpec.Kind.NIELSEN ? Activation.SIGMOID : act,
                        init,
                        dropout,
                        batchNorm,
                        weightDecay));
    }

    /** The data in the model's form, or an error naming which data does not fit. */
    private Dataset fit(ModelSpec modelSpec, Dataset d, String which) {
        try {
            return modelSpec.shape(d);
        } catch (IllegalArgumentException e) {
            throw new CliException(
                    which + " (" + data.describe() + ") does not fit " + modelSpec + ": " + e.getMessage());
        }
    }

    /** The default hidden sizes of a model kind. */
    static int[] defaultHidden(ModelSpec.Kind kind) {
        return ModelOptions.Defaults.of(kind).hidden();
    }

    private <T> T parse(String what, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), what + ": " + e.getMessage());
        }
    }
}

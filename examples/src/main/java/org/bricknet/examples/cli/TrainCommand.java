package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
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
            "  nielsen2   30 / 30 / 10 / sgd 0.5, λ 5   (network2.py's chapter 3 run)",
            "  logistic   25 / 2000 / all / sgd 2.0, λ 1 (the tutorial's 400-25-10 on digits scaled to 20x20)",
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
            description = "two-layer, nielsen, mlp, cnn, nielsen2 or logistic; default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--hidden", paramLabel = "H[,H...]", description = "hidden layer sizes, e.g. 100,100,100")
    String hidden;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training set")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "examples per step, or all: the whole training set")
    String batchSize;

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
    TeachingModelOptions teaching;

    @Mixin
    OptimizerOptions hyper;

    @Mixin
    TrainingControlOptions controls;

    @Mixin
    DataOption data;

    @Mixin
    CheckpointOptions checkpoints;

    @Mixin
    ArchitectureOption architecture;

    @Option(names = "--save", paramLabel = "FILE", description = "save the trained model (safetensors) to FILE")
    Path save;

    @Mixin
    RunOutputs outputs;

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
            teaching.check(cl, kind);
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
        int b = batchSize == null ? (from != null ? from.batchSize() : d.batch()) : batch(cl, from);
        double eta = Bounds.in(
                cl,
                "--lr",
                lr != null ? lr : from != null ? CheckpointOptions.initialRate(from) : d.lr(),
                0,
                Double.MAX_VALUE,
                true);
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
        if (!fullBatch) {
            controls.resolve(cl, from, from == null ? null : checkpoints.resume.toString(), n, eta);
        }
        Activation act = parse("--activation", () -> Activation.parse(activation));
        Optimizer opt =
                fullBatch ? hyper.none(spec.commandLine()) : hyper.create(spec.commandLine(), optName, eta, from);
        OutputPaths paths = new OutputPaths().file("--save", save);
        outputs.addTo(paths);
        checkpoints.addTo(paths);
        data.files().forEach(f -> paths.input("a data file of --data", f));
        paths.check();

        Mnist.Split split = data.load();
        PrintStream out = System.out;
        ModelSpec modelSpec = from != null
                ? resumedSpec
                : teaching.apply(
                        newSpec(kind, hiddenSizes, act, split.train()),
                        controls.trainedOn(split.train().size()),
                        out);
        Dataset train = fit(modelSpec, split.train(), "the training data");
        Dataset test = fit(modelSpec, split.test(), "the test data");
        controls.check(train, from, from == null ? null : checkpoints.resume.toString(), out);
        if (from != null) {
            checkpoints.requireSameData(from, controls.trainedPart(train));
        }
        Results results = new Results(save, out, cl.getErr());
        outputs.check(modelSpec);
        int trainedOn = controls.trainedOn(train.size());
        if (b > trainedOn && batchSize != null && !batchSize.equals("all")) {
            out.printf(
                    "note: --batch-size %d is more than the %d training examples; each batch is all of them%n",
                    b, trainedOn);
        }
        b = Math.min(b, trainedOn);
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
        outputs.before(
                net,
                modelSpec,
                train,
                evaluationRows,
                from == null ? "at initialisation" : "after epoch " + from.epoch());

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
            return finish(net, modelSpec, acc, test, "after L-BFGS", null, results, out);
        }
        Trainer trainer = new Trainer(net, opt)
                .epochs(n)
                .batchSize(b)
                .seed(seed)
                .evaluateOn(test)
                .evaluationBatchSize(evaluationRows)
                .output(out);
        Map<String, String> metadata =
                OptimizerOptions.withHyperparameters(CheckpointOptions.metadata(modelSpec, n), opt);
        return fit(trainer, n, net, modelSpec, from, metadata, train, test, results, out);
    }

    /**
     * The mini-batch run a built-in model and an architecture share once {@code trainer} is set up:
     * the outputs and controls given to it, the resumed state, checkpoints carrying
     * {@code metadata} and the controls, the fit (a divergence keeps the last good parameters with
     * {@code --save}), then {@link #finish}.
     */
    int fit(
            Trainer trainer,
            int epochs,
            Network net,
            ModelSource model,
            Checkpoint from,
            Map<String, String> metadata,
            Dataset train,
            Dataset test,
            Results results,
            PrintStream out)
            throws IOException {
        outputs.watch(trainer);
        controls.applyTo(trainer);
        if (from != null) {
            trainer.resumeFrom(from, checkpoints.resumedFile());
            out.printf("resuming after epoch %d of %d from %s%n", from.epoch(), epochs, checkpoints.resumedFile());
        }
        if (checkpoints.target() != null) {
            Path dir = checkpoints.target();
            trainer.checkpointTo(dir, controls.withControls(metadata))
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
            results.keepLastGood(net, model, e);
            throw e;
        }
        double acc = controls.kept(history, from).testAccuracy();
        return finish(net, model, acc, test, controls.end(history, from), history, results, out);
    }

    /**
     * The end of a run: the final test accuracy, the activations recorded {@code end} ("after 20
     * epochs"), then the model saved and the other outputs written ({@code history} null after L-BFGS).
     */
    int finish(
            Network net,
            ModelSource model,
            double acc,
            Dataset test,
            String end,
            TrainingHistory history,
            Results results,
            PrintStream out)
            throws IOException {
        out.printf("final test accuracy: %.2f%% (%d / %d)%n", 100 * acc, Math.round(acc * test.size()), test.size());
        outputs.after(net, end);
        return results.saveAndWrite(net, model, outputs.outputs(net, model, history));
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

    /** {@code --batch-size}: a number of examples, or {@code all} (a checkpoint's batch when it was all). */
    int batch(CommandLine cl, org.bricknet.optim.training.Checkpoint from) {
        if (batchSize.trim().equalsIgnoreCase("all")) {
            batchSize = "all";
            return from != null && from.batchSize() >= from.trainExamples() ? from.batchSize() : Integer.MAX_VALUE;
        }
        try {
            return Bounds.in(cl, "--batch-size", Integer.parseInt(batchSize.trim()), 1, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw new ParameterException(cl, "--batch-size: expected a whole number or all, got '" + batchSize + "'");
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

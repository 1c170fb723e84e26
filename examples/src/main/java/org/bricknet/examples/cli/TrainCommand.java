package org.bricknet.examples.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bricknet.core.Blas;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.Mnist;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.optim.Checkpoint;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.Trainer;
import org.bricknet.optim.TrainingDivergedException;
import org.bricknet.optim.TrainingHistory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train}: a network on digits, with progress, per-epoch accuracy, saving and a plot. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network on handwritten digits and report its test accuracy.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "KIND",
            description = "two-layer (784-H-10, ReLU, softmax) or nielsen (784-H-10, sigmoid, quadratic cost); default: two-layer")
    String model;

    @Option(names = "--hidden", paramLabel = "H", description = "hidden units (default: 50 for two-layer, 30 for nielsen)")
    Integer hidden;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training set (default: 100 for two-layer, about the book's 10,000 steps; 30 for nielsen, as in network.py)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "examples per step (default: 100 for two-layer, 10 for nielsen)")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "ETA", description = "learning rate (default: 0.1 for two-layer, 3.0 for nielsen)")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw; default: sgd")
    String optimizer;

    @Option(names = "--seed", paramLabel = "S", description = "random seed for weights and shuffles; default: 42")
    Long seed;

    @Mixin
    DataOption data;

    @Mixin
    CheckpointOptions checkpoints;

    @Option(names = "--save", paramLabel = "FILE", description = "save the trained model (safetensors) to FILE")
    Path save;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw loss and accuracy per epoch into a PNG")
    Path plot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Checkpoint from = checkpoints.load();
        ModelSpec resumedSpec = from == null ? null : checkpoints.spec(from);
        ModelSpec.Kind kind = from == null ? parseKind() : resumedSpec.kind();
        boolean nielsen = kind == ModelSpec.Kind.NIELSEN;
        int h = positive("--hidden", hidden != null ? hidden : nielsen ? 30 : 50);
        int n = positive("--epochs", epochs != null ? epochs : from != null ? checkpoints.epochs(from) : nielsen ? 30 : 100);
        int b = positive("--batch-size", batchSize != null ? batchSize : nielsen ? 10 : 100);
        double eta = lr != null ? lr : nielsen ? 3.0 : 0.1;
        String optimizer = this.optimizer != null ? this.optimizer : "sgd";
        long seed = this.seed != null ? this.seed : 42;
        if (from != null) {
            CommandLine cl = spec.commandLine();
            checkpoints.requireAgrees(cl, "--model", model, kind);
            checkpoints.requireAgrees(cl, "--hidden", hidden, resumedSpec.sizes()[1]);
            checkpoints.requireAgrees(cl, "--optimizer", this.optimizer, from.optimizer());
            checkpoints.requireAgrees(cl, "--lr", lr, from.learningRate());
            checkpoints.requireAgrees(cl, "--seed", this.seed, from.seed());
            checkpoints.requireAgrees(cl, "--batch-size", batchSize, from.batchSize());
            optimizer = from.optimizer();
            eta = from.learningRate();
            seed = from.seed();
            b = from.batchSize();
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new ParameterException(spec.commandLine(), "--lr must be a finite number > 0, got " + eta);
        }
        Optimizer opt;
        try {
            opt = Optimizers.create(optimizer, eta);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--optimizer: " + e.getMessage());
        }
        PrintStream out = System.out;
        String advice = Blas.advice();
        out.println("matrix products: " + Blas.implementation());
        if (!advice.isEmpty()) {
            out.println("note: " + advice);
        }
        Mnist.Split split = data.load();
        Dataset train = split.train();
        Dataset test = split.test();
        ModelSpec modelSpec = from != null ? resumedSpec : new ModelSpec(kind, new int[] {train.inputs().cols(), h, train.classes()});
        Network net = modelSpec.build(new Random(seed));
        out.printf("training %s %s on %s: %d training and %d test examples, %d epochs, batch %d, %s lr %s, seed %d%n",
                kind, modelSpec.metadata().get("sizes"), data.describe(), train.size(), test.size(), n, b,
                optimizer, eta, seed);
        Trainer trainer = new Trainer(net, opt).epochs(n).batchSize(b).seed(seed).evaluateOn(test).output(out);
        if (from != null) {
            trainer.resumeFrom(from, checkpoints.resumedFile());
            out.printf("resuming after epoch %d of %d from %s%n", from.epoch(), n, checkpoints.resumedFile());
        }
        if (checkpoints.target() != null) {
            trainer.checkpointTo(checkpoints.target(), CheckpointOptions.metadata(modelSpec, n));
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
        if (save != null) {
            ModelFiles.save(save, net, modelSpec.metadata());
            out.println("saved model to " + save);
        }
        if (plot != null) {
            Plots.history(history, kind + " " + modelSpec.metadata().get("sizes"), plot);
            out.println("saved plot to " + plot);
        }
        return 0;
    }

    private ModelSpec.Kind parseKind() {
        try {
            return ModelSpec.Kind.parse(model != null ? model : "two-layer");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage());
        }
    }

    private int positive(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
        return value;
    }
}

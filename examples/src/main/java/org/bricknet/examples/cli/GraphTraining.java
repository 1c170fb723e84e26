package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.engine.Engine;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.LearningRateSchedule;
import org.bricknet.optim.training.Metric;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --architecture FILE.json}, and {@code train --resume DIR} of a checkpoint such a run
 * wrote: {@code train}'s options and checks for a graph written as an architecture. Each setting
 * comes from the command line, else (when resuming) the checkpoint, else the file's {@code training}
 * section, else the defaults: 10 epochs, batches of 100, Adam at its default rate, no weight decay,
 * seed 42. The file's schedule sets the rate per epoch unless {@code --schedule} is given; the
 * training controls ({@code --validation}, {@code --clip}, {@code --early-stopping}) and the
 * outputs ({@code --plot}, {@code --history}, ...) are {@code train}'s. A checkpoint records the architecture with
 * the settings in force as its training section, so resuming needs no file (and refuses one of
 * another graph). The model is saved with its architecture ({@link ModelFiles#saveGraph}).
 */
final class GraphTraining {
    /** Checkpoint metadata: the architecture (with the run's settings as its training section) and its name. */
    static final String ARCHITECTURE = "architecture";

    static final String NAME = "architecture_name";

    private static final int DEFAULT_EPOCHS = 10;
    private static final int DEFAULT_BATCH = 100;
    private static final String DEFAULT_OPTIMIZER = "adam";

    private final TrainCommand cmd;
    private final CommandLine cl;
    private final Checkpoint from;

    private GraphTraining(TrainCommand cmd, Checkpoint from) {
        this.cmd = cmd;
        this.cl = cmd.spec.commandLine();
        this.from = from;
    }

    /** Whether {@code train} runs an architecture: {@code --architecture}, or a checkpoint of one to resume. */
    static boolean wanted(ArchitectureOption architecture, Checkpoint from) {
        return architecture.given() || (from != null && from.extra().containsKey(ARCHITECTURE));
    }

    /** Trains as the class comment says; the exit code. */
    static int run(TrainCommand cmd, Checkpoint from) throws Exception {
        return new GraphTraining(cmd, from).run();
    }

    private int run() throws Exception {
        GraphModel model = from == null ? fresh() : resumed();
        Architecture.Training t = model.training();
        String optName = cmd.optimizer != null
                ? cmd.optimizer
                : t.optimizer() != null ? t.optimizer() : from != null ? from.optimizer() : DEFAULT_OPTIMIZER;
        if (!GraphModel.known(optName)) {
            throw new ParameterException(
                    cl,
                    "--optimizer: expected one of " + String.join(", ", Optimizers.NAMES) + " or "
                            + FullBatchTraining.NAME + ", got '" + optName + "'");
        }
        boolean fullBatch = FullBatchTraining.NAME.equalsIgnoreCase(optName.trim());
        if (fullBatch) {
            ModelOptions.requireMiniBatchOptionsAbsent(cl);
        }
        int n = Bounds.in(
                cl,
                "--epochs",
                cmd.epochs != null ? cmd.epochs : t.epochs() != null ? t.epochs() : DEFAULT_EPOCHS,
                1,
                TrainCommand.MAX_EPOCHS);
        Integer givenBatch = cmd.batchSize == null ? null : cmd.batch(cl, from);
        int b = givenBatch != null ? givenBatch : t.batchSize() != null ? t.batchSize() : DEFAULT_BATCH;
        double eta = fullBatch
                ? Double.NaN
                : Bounds.in(
                        cl,
                        "--lr",
                        cmd.lr != null
                                ? cmd.lr
                                : t.learningRate() != null ? t.learningRate() : Optimizers.defaultLearningRate(optName),
                        0,
                        Double.MAX_VALUE,
                        true);
        double decay = ModelOptions.given(cl, "--weight-decay")
                ? cmd.weightDecay
                : t.weightDecay() != null ? t.weightDecay() : 0;
        Bounds.in(cl, "--weight-decay", decay, 0, 1e6, false);
        long seed = cmd.seed != null ? cmd.seed : from != null ? from.seed() : 42;
        if (from != null) {
            requireAgrees(t, seed, givenBatch);
            cmd.checkpoints.requireTarget(cl, from, n);
        }
        if (from == null && !fullBatch && cmd.controls.schedule == null && model.schedule() != null) {
            requireSchedule(model, model.schedule(), eta, n, cmd.controls.validation != null);
            cmd.controls.schedule = t.schedule();
        }
        if (!fullBatch) {
            cmd.controls.resolve(cl, from, from == null ? null : cmd.checkpoints.resume.toString(), n, eta);
        }
        Optimizer opt = fullBatch ? cmd.hyper.none(cl) : cmd.hyper.create(cl, optName, eta, from);
        OutputPaths paths = new OutputPaths().file("--save", cmd.save);
        cmd.outputs.addTo(paths);
        cmd.checkpoints.addTo(paths);
        cmd.data.files().forEach(f -> paths.input("a data file of --data", f));
        paths.input("the architecture file of --architecture", cmd.architecture.file);
        paths.check();

        Mnist.Split split = cmd.data.load();
        Dataset train = fit(model, split.train(), "the training data");
        Dataset test = fit(model, split.test(), "the test data");
        PrintStream out = System.out;
        String resumedFrom = from == null ? null : cmd.checkpoints.resume.toString();
        cmd.controls.check(train, from, resumedFrom, out);
        if (from != null) {
            cmd.checkpoints.requireSameData(from, cmd.controls.trainedPart(train));
        }
        Results results = new Results(cmd.save, out, cl.getErr());
        cmd.outputs.check(model);
        int trainedOn = cmd.controls.trainedOn(train.size());
        if (b > trainedOn && !"all".equals(cmd.batchSize)) {
            out.printf(
                    "note: --batch-size %d is more than the %d training examples; each batch is all of them%n",
                    b, trainedOn);
        }
        b = Math.min(b, trainedOn);
        int evaluationRows = model.evaluationRows();
        if (fullBatch) {
            GraphSize.require(
                    model,
                    train.size(),
                    0,
                    0,
                    2 * 10 + 4,
                    "full-batch L-BFGS of " + model + " on " + train.size() + " examples at once");
        } else {
            GraphSize.require(
                    model,
                    b,
                    evaluationRows,
                    2,
                    ModelSize.optimizerSlots(opt),
                    "training " + model + " with " + optName + ", batch " + b);
        }
        Network net = model.network(new Random(seed)).withWeightDecay(decay);
        if (fullBatch && net.graph().isStochastic()) {
            throw new CliException("--optimizer lbfgs needs a deterministic loss; " + model + " draws random numbers"
                    + " (Dropout) in training");
        }
        cmd.outputs.before(
                net, model, train, evaluationRows, from == null ? "at initialisation" : "after epoch " + from.epoch());

        out.println("matrix products: " + Engine.implementation());
        if (!Engine.advice().isEmpty()) {
            out.println("note: " + Engine.advice());
        }
        out.printf(
                "training %s on %s: %d training and %d test examples, %s%s, seed %d%n",
                model,
                cmd.data.describe(),
                train.size(),
                test.size(),
                fullBatch
                        ? "full batch, L-BFGS of at most " + n + " iterations"
                        : n + " epochs, batch " + b + ", " + optName + " lr " + plain(eta),
                decay > 0 ? ", weight decay " + plain(decay) : "",
                seed);
        if (fullBatch) {
            if (model.schedule() != null) {
                out.println("note: the file's schedule " + t.schedule() + " sets a rate per epoch; L-BFGS has none");
            }
            double acc = FullBatchTraining.run(net, train, test, n, out);
            return cmd.finish(net, model, acc, test, "after L-BFGS", null, results, out);
        }
        Trainer trainer = new Trainer(net, opt)
                .epochs(n)
                .batchSize(b)
                .seed(seed)
                .evaluateOn(test)
                .evaluationBatchSize(evaluationRows)
                .output(out);
        Architecture.Training settings =
                new Architecture.Training(n, b, optName, eta, decay > 0 ? decay : null, cmd.controls.schedule);
        Map<String, String> metadata = OptimizerOptions.withHyperparameters(metadata(model, settings), opt);
        return cmd.fit(trainer, n, net, model, from, metadata, train, test, results, out);
    }

    /** The architecture of {@code --architecture}; the built-in models' options are refused beside it. */
    private GraphModel fresh() throws IOException {
        cmd.architecture.refuseModelOptions(cl);
        return cmd.architecture.read();
    }

    /**
     * The architecture a checkpoint was trained with, its settings as its training section; its
     * tensors are checked against it before anything is built. {@code --architecture} may be given,
     * but must be the same graph; the built-in models' options and {@code --weight-decay} are the
     * checkpoint's.
     */
    private GraphModel resumed() throws IOException {
        String file = cmd.checkpoints.resumedFile();
        String text = from.extra().get(ARCHITECTURE);
        if (text == null) {
            throw new ParameterException(
                    cl,
                    "--architecture: the checkpoint in " + cmd.checkpoints.resume
                            + " is of a built-in model, not of an architecture; leave --architecture out to continue it");
        }
        String where = file + ": __metadata__ '" + ARCHITECTURE + "'";
        GraphModel model = GraphModel.of(
                Architecture.parse(text, where), where, from.extra().getOrDefault(NAME, file));
        ModelFiles.requireState(model.architecture(), from.network(), file);
        for (String option : concat(ArchitectureOption.MODEL_OPTIONS, "--weight-decay")) {
            if (ModelOptions.given(cl, option)) {
                throw new ParameterException(
                        cl,
                        option + ": the model comes from the checkpoint in " + cmd.checkpoints.resume + " (" + model
                                + "); leave it out when resuming");
            }
        }
        if (cmd.architecture.given()) {
            GraphModel given = cmd.architecture.read();
            if (!given.graphText().equals(model.graphText())) {
                List<String> d = GraphModel.firstDifference(given.graphText(), model.graphText());
                throw new CliException(
                        "--architecture " + cmd.architecture.file + ": is not the graph the checkpoint in "
                                + cmd.checkpoints.resume + " was trained with (here " + d.get(0) + ", there " + d.get(1)
                                + "); leave --architecture out to continue that run");
            }
        }
        return model;
    }

    /** When resuming: the optimizer, rate, seed and batch size given must be the checkpoint's. */
    private void requireAgrees(Architecture.Training t, long seed, Integer givenBatch) {
        agree("--optimizer", cmd.optimizer, from.optimizer());
        agree("--lr", cmd.lr, t.learningRate());
        agree("--seed", cmd.seed, from.seed());
        agree("--batch-size", givenBatch, from.batchSize());
    }

    private void agree(String option, Object given, Object inCheckpoint) {
        if (given != null && !given.equals(inCheckpoint)) {
            throw new ParameterException(
                    cl,
                    option + " " + given + " disagrees with the checkpoint in " + cmd.checkpoints.resume + " ("
                            + inCheckpoint + "); leave it out when resuming");
        }
    }

    /**
     * The file's schedule gives a rate {@code > 0} in every epoch of the run, and watches nothing
     * this run does not measure (the validation loss or accuracy needs {@code --validation});
     * refused naming the file's field. It then is the run's schedule, as if given by {@code --schedule}.
     */
    private static void requireSchedule(
            GraphModel model, LearningRateSchedule schedule, double eta, int epochs, boolean validation)
            throws BadFileException {
        String where = "training, field 'schedule' (" + model.training().schedule() + "): ";
        Metric watched = schedule.watches();
        if (!validation && (watched == Metric.VALIDATION_LOSS || watched == Metric.VALIDATION_ACCURACY)) {
            throw new BadFileException(
                    model.name(),
                    where + "it watches the " + watched + ", but no data is held out for validation; add --validation"
                            + " 0.1 (the last tenth of the training set)");
        }
        if (watched != null) {
            return;
        }
        TrainingHistory none = new TrainingHistory();
        for (int e = 1; e <= epochs; e++) {
            double rate = schedule.rate(e, eta, none);
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new BadFileException(
                        model.name(),
                        where
                                + String.format(
                                        Locale.ROOT,
                                        "it gives a learning rate of %s in epoch %d of %d;",
                                        rate,
                                        e,
                                        epochs)
                                + " expected a finite number > 0 (give it a minimum rate > 0)");
            }
        }
    }

    /** The data in the model's form, or an error naming which data does not fit. */
    private Dataset fit(GraphModel model, Dataset d, String which) {
        try {
            return model.shape(d);
        } catch (IllegalArgumentException e) {
            throw new CliException(
                    which + " (" + cmd.data.describe() + ") does not fit " + model + ": " + e.getMessage());
        }
    }

    /** What a checkpoint of this run adds to its metadata: the architecture with the run's settings, its name. */
    private static Map<String, String> metadata(GraphModel model, Architecture.Training settings) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ARCHITECTURE, model.architecture().withTraining(settings).toJson());
        m.put(NAME, model.label());
        m.put("epochs", Integer.toString(settings.epochs()));
        return m;
    }

    /** {@code 0.0003}, not {@code 3.0E-4}. */
    static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.add(b);
        return all;
    }
}

package org.bricknet.spark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.bricknet.core.Network;
import org.bricknet.core.engine.Engine;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.TrainingDivergedException;
import org.bricknet.spark.ArchitectureSource;
import org.bricknet.spark.DataParallelTrainer;
import org.bricknet.spark.ExampleSet;
import org.bricknet.spark.SparkNetworkFunction;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code train --architecture FILE.json}, and {@code train --resume DIR} of a checkpoint such a run
 * wrote: {@code bricknet.jar train --architecture} on Spark. Each setting comes from the command
 * line, else (when resuming) the checkpoint, else the file's {@code training} section, else
 * {@code bricknet.jar}'s defaults: 10 epochs, batches of 100, Adam at its default rate, no weight
 * decay, seed 42. The graph has one input, which takes the examples (an input of {@code (D)} takes
 * D values, one of {@code (C, H, W)} images of that geometry), a first output of one score per
 * class, and one loss. Refused before Spark starts: the built-in models' options, a graph with a
 * Dropout or BatchNormalization node (named), data of another width or number of classes than the
 * graph's, and a learning-rate schedule, which {@link DataParallelTrainer} does not follow. A
 * checkpoint records the architecture with the run's settings as its training section (as
 * {@code bricknet.jar} does), so resuming needs no file; the model is saved with its architecture
 * ({@link ModelFiles#saveGraph}), which {@code bricknet.jar evaluate --model} reads.
 */
final class GraphTrain {
    /** Checkpoint metadata: the architecture with the run's settings as its training section, and its name. */
    static final String ARCHITECTURE = "architecture";

    static final String NAME = "architecture_name";

    private static final List<String> MODEL_OPTIONS =
            List.of("--model", "--hidden", "--activation", "--init", "--dropout", "--batch-norm");

    private final TrainCommand cmd;
    private final CommandLine cl;
    private final Checkpoint from;
    private final String resumedFile;

    private GraphTrain(TrainCommand cmd, Checkpoint from) {
        this.cmd = cmd;
        this.cl = cmd.spec.commandLine();
        this.from = from;
        this.resumedFile = from == null ? null : Checkpoint.file(cmd.resume).toString();
    }

    /** Whether {@code train} runs an architecture: {@code --architecture}, or a checkpoint of one to resume. */
    static boolean wanted(Path architecture, Checkpoint from) {
        return architecture != null || (from != null && from.extra().containsKey(ARCHITECTURE));
    }

    /** Trains as the class comment says; the exit code. */
    static int run(TrainCommand cmd, Checkpoint from, PrintStream out, Sessions sessions) throws Exception {
        return new GraphTrain(cmd, from).run(out, sessions);
    }

    private int run(PrintStream out, Sessions sessions) throws Exception {
        String label = from != null
                ? from.extra().getOrDefault(NAME, resumedFile)
                : String.valueOf(cmd.architecture.getFileName());
        Architecture a = from == null ? fresh() : resumed();
        String where = from == null ? cmd.architecture.toString() : resumedFile;
        Architecture.Training t = a.training().orElse(Architecture.Training.NONE);
        String optName = cmd.optimizer != null
                ? cmd.optimizer
                : t.optimizer() != null ? t.optimizer() : from != null ? from.optimizer() : "adam";
        String opt = optName.trim().toLowerCase(Locale.ROOT);
        boolean fullBatch = FullBatch.NAME.equals(opt);
        if (!fullBatch && !Optimizers.NAMES.contains(opt)) {
            throw usage("--optimizer: expected one of " + String.join(", ", Optimizers.NAMES) + " or " + FullBatch.NAME
                    + ", got '" + optName + "'");
        }
        if (fullBatch && (from != null || cmd.checkpoint != null)) {
            throw usage("--optimizer lbfgs trains on the full batch: it takes no --checkpoint or --resume");
        }
        int n = positive("--epochs", cmd.epochs != null ? cmd.epochs : t.epochs() != null ? t.epochs() : 10);
        int b = positive(
                "--batch-size", cmd.batchSize != null ? cmd.batchSize : t.batchSize() != null ? t.batchSize() : 100);
        double eta = fullBatch
                ? Double.NaN
                : cmd.lr != null
                        ? cmd.lr
                        : t.learningRate() != null ? t.learningRate() : Optimizers.defaultLearningRate(opt);
        if (!fullBatch && (!(eta > 0) || Double.isInfinite(eta))) {
            throw usage("--lr must be a finite number > 0, got " + eta);
        }
        double decay = given("--weight-decay") ? cmd.weightDecay : t.weightDecay() != null ? t.weightDecay() : 0;
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw usage("--weight-decay must be a finite number >= 0, got " + decay);
        }
        long seed = cmd.seed != null ? cmd.seed : from != null ? from.seed() : 42;
        if (from != null) {
            agree("--optimizer", cmd.optimizer, from.optimizer());
            agree("--lr", cmd.lr, from.learningRate());
            agree("--seed", cmd.seed, from.seed());
            agree("--batch-size", cmd.batchSize, from.batchSize());
        }
        if (t.schedule() != null && !fullBatch) {
            throw new BadFileException(
                    where,
                    "training, field 'schedule' (" + t.schedule() + "): bricknet-spark trains at one learning rate;"
                            + " remove the schedule, or train this model with bricknet.jar");
        }
        if (a.inputs().size() != 1) {
            throw new BadFileException(
                    where,
                    "the architecture has inputs " + a.inputs().keySet()
                            + "; bricknet-spark feeds a graph one input, the examples");
        }
        ArchitectureSource source = ArchitectureSource.of(a, seed);
        Network net = source.build().withWeightDecay(decay);
        requireOneLoss(net, where);
        String refusal = SparkNetworkFunction.refusal(net);
        if (refusal != null) {
            throw new IllegalArgumentException(where + " cannot train on Spark: " + refusal);
        }
        String input = a.inputs().keySet().iterator().next();
        int[] shape = a.inputs().get(input);
        int classes = a.outputShapes().values().iterator().next()[0];
        String model = label + " (" + join(shape, "×") + " → " + classes + ")";
        cmd.sparkOptions.check(cl);
        Mnist.Split local = cmd.sparkOptions.loadLocal(cl);
        if (local != null) {
            requireFits(
                    model,
                    input,
                    shape,
                    classes,
                    local.train().valuesPerExample(),
                    local.train().classes());
        }

        SparkSession session = (sessions != null ? sessions : Sessions.START).open(cmd.sparkOptions.master);
        SparkOptions.Sets sets = null;
        try {
            sets = cmd.sparkOptions.sets(session, local, false);
            requireFits(
                    model,
                    input,
                    shape,
                    classes,
                    sets.train().width(),
                    sets.train().classes());
            if (shape.length == 3) {
                ExampleSet test = sets.test();
                sets = new SparkOptions.Sets(
                        sets.train().withExampleShape(shape), test == null ? null : test.withExampleShape(shape));
            }
            out.println("matrix products: " + Engine.implementation());
            if (!Engine.advice().isEmpty()) {
                out.println("note: " + Engine.advice());
            }
            long testSize = sets.test() == null ? 0 : sets.test().size();
            out.printf(
                    "training %s on %s: %d training and %d test examples, %s%s, seed %d%n",
                    model,
                    cmd.sparkOptions.describe(),
                    sets.train().size(),
                    testSize,
                    fullBatch
                            ? "full batch, L-BFGS of at most " + n + " iterations"
                            : n + " epochs, batch " + b + ", " + optName + " lr " + plain(eta),
                    decay > 0 ? ", weight decay " + plain(decay) : "",
                    seed);
            out.printf(
                    "on Spark %s: %d partitions, blocks of %d rows%n",
                    session.sparkContext().master(), sets.train().partitions(), cmd.sparkOptions.blockRows);
            Map<String, String> saved = Map.of(NAME, label);
            double acc;
            if (fullBatch) {
                acc = FullBatch.run(net, source, sets, n, cmd.sparkOptions.treeDepth, out);
            } else {
                DataParallelTrainer trainer = new DataParallelTrainer(net, source, Optimizers.create(opt, eta))
                        .epochs(n)
                        .batchSize(b)
                        .seed(seed)
                        .depth(cmd.sparkOptions.treeDepth)
                        .evaluateOn(sets.test())
                        .output(out);
                if (from != null) {
                    trainer.resumeFrom(from, resumedFile);
                    out.printf("resuming after epoch %d of %d from %s%n", from.epoch(), n, resumedFile);
                }
                Path target = cmd.checkpoint != null ? cmd.checkpoint : cmd.resume;
                if (target != null) {
                    Architecture.Training settings =
                            new Architecture.Training(n, b, opt, eta, decay > 0 ? decay : null, null);
                    Map<String, String> meta = new LinkedHashMap<>();
                    meta.put(ARCHITECTURE, a.withTraining(settings).toJson());
                    meta.put(NAME, label);
                    meta.put("epochs", Integer.toString(n));
                    trainer.checkpointTo(target, meta);
                }
                try {
                    acc = trainer.fit(sets.train()).last().testAccuracy();
                } catch (TrainingDivergedException e) {
                    if (cmd.save != null) {
                        ModelFiles.saveGraph(cmd.save, net, saved);
                        out.println("saved the last good parameters to " + cmd.save);
                    }
                    throw e;
                }
            }
            if (testSize > 0) {
                out.printf("final test accuracy: %.2f%% (%d / %d)%n", 100 * acc, Math.round(acc * testSize), testSize);
            }
            if (cmd.save != null) {
                ModelFiles.saveGraph(cmd.save, net, saved);
                out.println("saved model to " + cmd.save);
            }
            return 0;
        } finally {
            if (sets != null) {
                sets.unpersist();
            }
            if (sessions == null || sessions.owned()) {
                session.stop();
            }
        }
    }

    /** The file of {@code --architecture}; the built-in models' options are refused beside it. */
    private Architecture fresh() throws IOException {
        for (String option : MODEL_OPTIONS) {
            if (given(option)) {
                throw usage(option + " does not apply to --architecture, whose file says the model ("
                        + String.join(", ", MODEL_OPTIONS) + " are for the built-in models)");
            }
        }
        return Architecture.read(cmd.architecture);
    }

    /**
     * The architecture the checkpoint was trained with, its tensors checked against it; a file given
     * with {@code --architecture} must be the same graph, and the model options are the checkpoint's.
     */
    private Architecture resumed() throws IOException {
        String text = from.extra().get(ARCHITECTURE);
        if (text == null) {
            throw usage("--architecture: the checkpoint in " + cmd.resume
                    + " is of a built-in model, not of an architecture; leave --architecture out to continue it");
        }
        Architecture a = Architecture.parse(text, resumedFile + ": __metadata__ '" + ARCHITECTURE + "'");
        ModelFiles.requireState(a, from.network(), resumedFile);
        for (String option : concat(MODEL_OPTIONS, "--weight-decay")) {
            if (given(option)) {
                throw usage(option + ": the model comes from the checkpoint in " + cmd.resume
                        + "; leave it out when resuming");
            }
        }
        if (cmd.architecture != null) {
            String here = Architecture.read(cmd.architecture).withTraining(null).toJson();
            if (!here.equals(a.withTraining(null).toJson())) {
                throw new IllegalArgumentException("--architecture " + cmd.architecture
                        + ": is not the graph the checkpoint in " + cmd.resume
                        + " was trained with; leave --architecture out to continue that run");
            }
        }
        return a;
    }

    /** One loss, scoring the first output, which gives one score per class: what accuracy is read from. */
    private static void requireOneLoss(Network net, String where) throws BadFileException {
        var g = net.graph();
        String output = g.outputNames().get(0);
        if (g.losses().size() != 1) {
            throw new BadFileException(
                    where,
                    "the architecture has "
                            + (g.losses().isEmpty()
                                    ? "no losses"
                                    : "losses " + g.losses().keySet())
                            + "; bricknet-spark trains a graph of one loss, which scores '" + output + "'");
        }
        String loss = g.losses().keySet().iterator().next();
        int[] scores = g.exampleShape(output);
        if (!g.inputsOf(loss).get(0).equals(output) || scores == null || scores.length != 1) {
            throw new BadFileException(
                    where,
                    "loss '" + loss + "' scores '" + g.inputsOf(loss).get(0) + "'; bricknet-spark reads class scores"
                            + " (N, K) from the first output '" + output + "': list what the loss scores first");
        }
    }

    /** Refuses data whose examples or classes do not fit the graph's input and first output, naming both. */
    private void requireFits(String model, String input, int[] shape, int classes, int values, int dataClasses) {
        long takes = Arrays.stream(shape).asLongStream().reduce(1, (x, y) -> x * y);
        String data = "the data (" + cmd.sparkOptions.describe() + ")";
        if (takes != values || (shape.length != 1 && shape.length != 3)) {
            throw new IllegalArgumentException(model + ": its input '" + input + "' takes (N, " + join(shape, ", ")
                    + "), " + data + " has examples of " + values + " values, (N, " + values + ")"
                    + (shape.length != 1 && shape.length != 3 ? "; an input of (D) or (C, H, W) takes them" : ""));
        }
        if (classes != dataClasses) {
            throw new IllegalArgumentException(model + ": its first output gives " + classes + " scores per example, "
                    + data + " has " + dataClasses + " classes");
        }
    }

    private boolean given(String option) {
        return cl.getParseResult().hasMatchedOption(option);
    }

    private void agree(String option, Object given, Object inCheckpoint) {
        if (given != null && !given.equals(inCheckpoint)) {
            throw usage(option + " " + given + " disagrees with the checkpoint in " + cmd.resume + " (" + inCheckpoint
                    + "); leave it out when resuming");
        }
    }

    private int positive(String option, int value) {
        if (value < 1) {
            throw usage(option + " must be at least 1, got " + value);
        }
        return value;
    }

    private ParameterException usage(String message) {
        return new ParameterException(cl, message);
    }

    private static String join(int[] v, String separator) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(separator));
    }

    /** {@code 0.0003}, not {@code 3.0E-4}. */
    private static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.add(b);
        return all;
    }
}

package org.bricknet.spark.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.bricknet.core.Network;
import org.bricknet.core.engine.Engine;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.TrainingDivergedException;
import org.bricknet.optim.training.TrainingHistory;
import org.bricknet.spark.DataParallelTrainer;
import org.bricknet.spark.NetworkSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code train}: {@code bricknet.jar train} on Spark. The same options and the same lines (per epoch,
 * or L-BFGS's summary, then the final test accuracy), plus {@code --master} and
 * {@code --partitions}; mini-batch optimizers train data-parallel ({@link DataParallelTrainer}),
 * {@code --optimizer lbfgs} full-batch ({@link org.bricknet.spark.SparkNetworkFunction}).
 * Everything that can be checked is checked before Spark starts.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a network on Spark and report its test accuracy (the options of bricknet.jar train,",
            "plus --master and --partitions). Defaults per model (hidden / epochs / batch / optimizer lr):",
            "  two-layer  50 / 100 / 100 / sgd 0.1",
            "  nielsen    30 / 30 / 10 / sgd 3.0",
            "  mlp        100,100,100 / 20 / 100 / sgd 0.1",
            "  cnn        100 / 10 / 100 / adam 0.001",
            "  --architecture FILE.json: the file's training section, else 10 / 100 / adam at its default rate"
        })
final class TrainCommand implements Callable<Integer> {
    private static final String[] MODEL_OPTIONS = {
        "--model", "--hidden", "--activation", "--init", "--dropout", "--batch-norm", "--weight-decay"
    };

    @Option(
            names = "--model",
            defaultValue = "two-layer",
            paramLabel = "KIND",
            description = "two-layer, nielsen, mlp or cnn; default: ${DEFAULT-VALUE}")
    String model;

    @Option(
            names = "--architecture",
            paramLabel = "FILE.json",
            description = "a graph written as an architecture file (as bricknet.jar trains); its 'training' section"
                    + " gives the defaults, which the options here override")
    Path architecture;

    @Option(names = "--hidden", paramLabel = "H[,H...]", description = "hidden layer sizes, e.g. 100,100,100")
    String hidden;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "passes over the training set (L-BFGS: its most iterations)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "examples per step")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "ETA", description = "learning rate")
    Double lr;

    @Option(
            names = "--optimizer",
            paramLabel = "NAME",
            description =
                    "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (data-parallel mini-batches); or lbfgs: full-batch L-BFGS with --epochs as its most iterations")
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
            description = "mlp: dropout ratio (refused on Spark: each partition would draw its own masks)")
    double dropout;

    @Option(
            names = "--batch-norm",
            description = "mlp: batch normalization (refused on Spark: its statistics couple a batch's rows)")
    boolean batchNorm;

    @Option(
            names = "--weight-decay",
            defaultValue = "0",
            paramLabel = "L",
            description = "mlp: L2 weight decay λ; default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--seed", paramLabel = "S", description = "random seed for weights and shuffles; default: 42")
    Long seed;

    @Mixin
    SparkOptions sparkOptions;

    @Option(
            names = "--save",
            paramLabel = "FILE",
            description = "save the trained model (safetensors, readable by bricknet.jar) to FILE")
    Path save;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "drawn by bricknet.jar only; refused here")
    Path plot;

    @Option(names = "--plot-weights", paramLabel = "FILE.png", description = "drawn by bricknet.jar only; refused here")
    Path plotWeights;

    @Option(
            names = "--checkpoint",
            paramLabel = "DIR",
            description = "after each epoch, write everything needed to continue into DIR/" + Checkpoint.FILE)
    Path checkpoint;

    @Option(
            names = "--resume",
            paramLabel = "DIR",
            description =
                    "continue the run checkpointed in DIR (by this program or bricknet.jar) up to --epochs in all")
    Path resume;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final Sessions sessions;

    TrainCommand(PrintStream out, Sessions sessions) {
        this.out = out;
        this.sessions = sessions;
    }

    @Override
    public Integer call() throws Exception {
        if (plot != null || plotWeights != null) {
            throw usage("--plot and --plot-weights are drawn by bricknet.jar only; save the model with --save");
        }
        Checkpoint from = resume == null ? null : Checkpoint.load(resume);
        if (GraphTrain.wanted(architecture, from)) {
            return GraphTrain.run(this, from, out, sessions);
        }
        String resumedFile = from == null ? null : Checkpoint.file(resume).toString();
        ModelForm resumedForm = from == null ? null : ModelForm.fromMetadata(from.extra(), resumedFile);
        String kind = from != null ? resumedForm.kind() : model;
        Defaults d = parse("--model", () -> Defaults.of(kind));
        int[] hiddenSizes = hidden == null ? d.hidden : parse("--hidden", () -> ModelForm.ints(hidden));
        int n = positive(
                "--epochs", epochs != null ? epochs : from != null ? plannedEpochs(from, resumedFile) : d.epochs);
        int b = positive("--batch-size", batchSize != null ? batchSize : from != null ? from.batchSize() : d.batch);
        double eta = lr != null ? lr : from != null ? from.learningRate() : d.lr;
        String optName = optimizer != null ? optimizer : from != null ? from.optimizer() : d.optimizer;
        long s = from != null && seed == null ? from.seed() : seed != null ? seed : 42;
        if (from != null) {
            requireAgrees(resumedForm, from, optName, eta, s, b);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw usage("--lr must be a finite number > 0, got " + eta);
        }
        boolean fullBatch = FullBatch.NAME.equalsIgnoreCase(optName);
        if (fullBatch && (from != null || checkpoint != null)) {
            throw usage("--optimizer lbfgs trains on the full batch: it takes no --checkpoint or --resume");
        }
        Optimizer opt = fullBatch ? null : parse("--optimizer", () -> Optimizers.create(optName, eta));
        boolean drops = from != null ? resumedForm.dropout() > 0 : dropout > 0;
        if (drops || (from != null ? resumedForm.batchNorm() : batchNorm)) {
            throw usage((drops ? "--dropout" : "--batch-norm") + " cannot train on Spark: "
                    + (drops
                            ? "each partition would draw its own masks"
                            : "batch statistics couple the rows of a batch")
                    + "; train this model with bricknet.jar");
        }
        sparkOptions.check(spec.commandLine());
        Mnist.Split local = sparkOptions.loadLocal(spec.commandLine());

        SparkSession session = (sessions != null ? sessions : Sessions.START).open(sparkOptions.master);
        SparkOptions.Sets sets = null;
        try {
            SparkOptions.Sets data = sparkOptions.sets(session, local, kind.equals("cnn"));
            sets = data;
            ModelForm form = from != null
                    ? resumedForm
                    : parse(
                            "the model options",
                            () -> new ModelForm(
                                    kind,
                                    data.train().exampleShape(),
                                    hiddenSizes,
                                    data.train().classes(),
                                    kind.equals("nielsen") ? "sigmoid" : activation,
                                    init,
                                    dropout,
                                    batchNorm,
                                    weightDecay));
            int flat = java.util.Arrays.stream(form.input()).reduce(1, (x, y) -> x * y);
            if (flat != data.train().width()) {
                throw new IllegalArgumentException("the model takes inputs of " + flat + " values, "
                        + data.train().name() + " has " + data.train().width() + " per example");
            }
            NetworkSource source = () -> form.build(new Random(s));
            Network net = source.build();
            out.println("matrix products: " + Engine.implementation());
            if (!Engine.advice().isEmpty()) {
                out.println("note: " + Engine.advice());
            }
            out.printf(
                    "training %s on %s: %d training and %d test examples, %s, seed %d%n",
                    form,
                    sparkOptions.describe(),
                    sets.train().size(),
                    sets.test() == null ? 0 : sets.test().size(),
                    fullBatch
                            ? "full batch, L-BFGS of at most " + n + " iterations"
                            : n + " epochs, batch " + b + ", " + optName + " lr " + eta,
                    s);
            out.printf(
                    "on Spark %s: %d partitions, blocks of %d rows%n",
                    session.sparkContext().master(), sets.train().partitions(), sparkOptions.blockRows);
            double acc;
            long testSize = sets.test() == null ? 0 : sets.test().size();
            if (fullBatch) {
                acc = FullBatch.run(net, source, sets, n, sparkOptions.treeDepth, out);
            } else {
                DataParallelTrainer trainer = new DataParallelTrainer(net, source, opt)
                        .epochs(n)
                        .batchSize(b)
                        .seed(s)
                        .depth(sparkOptions.treeDepth)
                        .evaluateOn(sets.test())
                        .output(out);
                if (from != null) {
                    trainer.resumeFrom(from, resumedFile);
                    out.printf("resuming after epoch %d of %d from %s%n", from.epoch(), n, resumedFile);
                }
                Path target = checkpoint != null ? checkpoint : resume;
                if (target != null) {
                    Map<String, String> meta = new LinkedHashMap<>(form.metadata());
                    meta.remove("format");
                    meta.put("epochs", Integer.toString(n));
                    trainer.checkpointTo(target, meta);
                }
                TrainingHistory h;
                try {
                    h = trainer.fit(sets.train());
                } catch (TrainingDivergedException e) {
                    if (save != null) {
                        ModelFiles.save(save, net, form.metadata());
                        out.println("saved the last good parameters to " + save);
                    }
                    throw e;
                }
                acc = h.last().testAccuracy();
            }
            if (testSize > 0) {
                out.printf("final test accuracy: %.2f%% (%d / %d)%n", 100 * acc, Math.round(acc * testSize), testSize);
            }
            if (save != null) {
                ModelFiles.save(save, net, form.metadata());
                out.println("saved model to " + save);
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

    private int plannedEpochs(Checkpoint c, String file) throws org.bricknet.core.io.BadFileException {
        try {
            return Integer.parseInt(c.extra().get("epochs"));
        } catch (RuntimeException e) {
            throw new org.bricknet.core.io.BadFileException(file, "__metadata__ 'epochs' is missing or not a number");
        }
    }

    /** When resuming: no model option, and optimizer, lr, seed and batch size as in the checkpoint. */
    private void requireAgrees(ModelForm form, Checkpoint c, String opt, double eta, long s, int b) {
        for (String option : MODEL_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw usage(option + ": the model comes from the checkpoint in " + resume + " (" + form
                        + "); leave it out when resuming");
            }
        }
        agree("--optimizer", opt, c.optimizer());
        agree("--lr", eta, c.learningRate());
        agree("--seed", s, c.seed());
        agree("--batch-size", b, c.batchSize());
    }

    private void agree(String option, Object given, Object inCheckpoint) {
        if (!given.equals(inCheckpoint)) {
            throw usage(option + " " + given + " disagrees with the checkpoint in " + resume + " (" + inCheckpoint
                    + "); leave it out when resuming");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private <T> T parse(String what, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw usage(what + ": " + e.getMessage());
        }
    }

    private int positive(String option, int value) {
        if (value < 1) {
            throw usage(option + " must be at least 1, got " + value);
        }
        return value;
    }

    /** The per-model defaults of {@code bricknet.jar train}. */
    private record Defaults(int[] hidden, int epochs, int batch, String optimizer, double lr) {
        static Defaults of(String kind) {
            return switch (kind) {
                case "two-layer" -> new Defaults(new int[] {50}, 100, 100, "sgd", 0.1);
                case "nielsen" -> new Defaults(new int[] {30}, 30, 10, "sgd", 3.0);
                case "mlp" -> new Defaults(new int[] {100, 100, 100}, 20, 100, "sgd", 0.1);
                case "cnn" -> new Defaults(new int[] {100}, 10, 100, "adam", 0.001);
                default ->
                    throw new IllegalArgumentException(
                            "unknown model '" + kind + "'; expected one of " + String.join(", ", ModelForm.KINDS));
            };
        }
    }
}

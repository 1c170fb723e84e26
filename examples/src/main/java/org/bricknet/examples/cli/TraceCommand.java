package org.bricknet.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bricknet.core.Network;
import org.bricknet.core.TensorFormat;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.inspect.Trace;
import org.bricknet.examples.Activation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code trace [--model KIND | --architecture FILE.json | --trained FILE] [--batch N] [--values]}: one mini-batch of the first
 * {@code N} training examples forward and backward through a network ({@link Trace}: training mode,
 * weight decay included), a row per brick and direction with the tensor's shape, mean, standard
 * deviation, min, max and zeros; with {@code --values}, every tensor itself (those of more than
 * 1,000 elements summarised at their edges, with a note). The network is a fresh one of a kind,
 * as {@code train} would start it, a fresh one of an architecture file, or a model saved by
 * {@code train --save} (of a kind or of an architecture).
 */
@Command(
        name = "trace",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Send one mini-batch forward and backward through a network and print, brick by brick, what",
            "each output and gradient holds (shape, mean, std, min, max, zeros)."
        })
public final class TraceCommand implements Callable<Integer> {
    /** The most examples traced at once. */
    static final int MAX_BATCH = 10_000;

    @Option(
            names = "--model",
            defaultValue = "two-layer",
            paramLabel = "KIND",
            description = "a fresh two-layer, nielsen, mlp, cnn, nielsen2 or logistic network, with the default"
                    + " sizes of train; default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--hidden", paramLabel = "H[,H...]", description = "hidden layer sizes of the fresh network")
    String hidden;

    @Option(
            names = "--trained",
            paramLabel = "FILE",
            description = "trace the model saved in FILE by 'train --save' instead of a fresh one")
    Path trained;

    @Option(
            names = "--batch",
            defaultValue = "100",
            paramLabel = "N",
            description = "the first N training examples, 1 to " + MAX_BATCH + "; default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--values", description = "print every tensor too (large ones summarised)")
    boolean values;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "seed of the fresh network's weights; default: ${DEFAULT-VALUE}")
    long seed;

    @Mixin
    ArchitectureOption architecture;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        Bounds.in(cl, "--batch", batch, 1, MAX_BATCH);
        if (architecture.given()) {
            for (String option : new String[] {"--model", "--hidden", "--trained"}) {
                if (ModelOptions.given(cl, option)) {
                    throw new ParameterException(
                            cl, option + " does not apply to --architecture, whose file says the model");
                }
            }
        }
        if (trained != null) {
            for (String option : new String[] {"--model", "--hidden", "--seed"}) {
                if (ModelOptions.given(cl, option)) {
                    throw new ParameterException(
                            cl, option + " is for a fresh network; the model comes from --trained " + trained);
                }
            }
        }
        SavedModel saved = trained == null ? null : SavedModel.load(trained);
        Dataset train = data.loadTrain();
        GraphModel graph = architecture.given() ? architecture.read() : null;
        ModelSource form = saved != null ? saved.spec() : graph != null ? graph : fresh(cl, train);
        Dataset shaped;
        try {
            shaped = form.shape(train.slice(0, Math.min(batch, train.size())));
        } catch (IllegalArgumentException e) {
            throw new CliException(
                    "the training data (" + data.describe() + ") does not fit " + form + ": " + e.getMessage());
        }
        form.requireMemory(shaped.size() * (values ? 2L : 1L), 0, 0, 0, "tracing " + form);
        Network net = saved != null
                ? saved.network()
                : graph != null ? graph.network(new Random(seed)) : ((ModelSpec) form).build(new Random(seed));
        Trace t = Trace.of(net, shaped.inputs(), shaped.targets(), values);
        PrintWriter out = cl.getOut();
        out.printf(
                "trace of %s%s on the first %d training examples of %s (training mode), loss %.6g%n%n",
                form,
                saved != null ? " from " + trained : ", fresh (seed " + seed + ")",
                shaped.size(),
                data.describe(),
                t.loss());
        out.println(t);
        if (values) {
            out.println();
            out.print(t.values(TensorFormat.DEFAULT));
        }
        out.flush();
        return 0;
    }

    /**
     * The spec of a fresh network of {@code --model}, sized for {@code train}'s data, with the
     * default weight decay {@code λ/n} of the kinds that take {@code --lambda}.
     */
    private ModelSpec fresh(CommandLine cl, Dataset train) {
        ModelSpec.Kind kind;
        try {
            kind = ModelSpec.Kind.parse(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--model: " + e.getMessage());
        }
        int[] sizes = hidden == null ? TrainCommand.defaultHidden(kind) : ModelOptions.hidden(cl, hidden);
        ModelOptions.requireApplicable(cl, kind, false, sizes.length);
        int[] image = train.imageShape();
        if (kind == ModelSpec.Kind.CNN && image == null) {
            throw new CliException("--model cnn takes images; the training data's examples are flat vectors");
        }
        int[] input = image != null ? image : new int[] {train.valuesPerExample()};
        ModelSpec s;
        try {
            s = new ModelSpec(
                    kind,
                    input,
                    sizes,
                    train.classes(),
                    kind == ModelSpec.Kind.NIELSEN ? Activation.SIGMOID : Activation.RELU,
                    "he",
                    0,
                    false,
                    kind == ModelSpec.Kind.NIELSEN2 || kind == ModelSpec.Kind.LOGISTIC
                            ? TeachingModelOptions.defaultLambda(kind) / train.size()
                            : 0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "the model options: " + e.getMessage());
        }
        return TeachingModelOptions.fitted(s);
    }
}

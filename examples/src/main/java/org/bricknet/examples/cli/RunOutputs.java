package org.bricknet.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.Memory;
import org.bricknet.core.inspect.Activations;
import org.bricknet.core.io.AtomicFiles;
import org.bricknet.examples.plots.ActivationHistograms;
import org.bricknet.examples.plots.GradientNormPlot;
import org.bricknet.examples.plots.HistoryPlot;
import org.bricknet.examples.plots.WeightsPicture;
import org.bricknet.optim.training.GradientNorms;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import picocli.CommandLine.Option;

/**
 * What {@code train} writes besides the model, each after it ({@link Results}) and each checked
 * before the first epoch ({@link OutputPaths}): the loss, accuracy and learning rate per epoch
 * ({@code --plot}, {@link HistoryPlot}), the first layer's weights ({@code --plot-weights},
 * {@link WeightsPicture}), each hidden layer's activations at the start and at the end
 * ({@code --plot-activations}, {@link ActivationHistograms}), each weight's gradient norm per epoch
 * ({@code --plot-gradients}, {@link GradientNormPlot}), and the history as CSV or JSON
 * ({@code --history}).
 */
public final class RunOutputs {
    /** The largest picture of the first layer's weights drawn: 16 million pixels (64 MB). */
    private static final long MAX_PIXELS = 1L << 24;

    /** The units {@code --plot-weights} shows at most. */
    private static final int MAX_UNITS = 400;

    @Option(
            names = "--plot",
            paramLabel = "FILE.png",
            description = "draw loss, accuracy (and a scheduled learning rate) per epoch into a PNG")
    Path plot;

    @Option(
            names = "--plot-weights",
            paramLabel = "FILE.png",
            description =
                    "draw the first layer's weights (conv filters, or each unit's weights as an image) into a PNG")
    Path plotWeights;

    @Option(
            names = "--plot-activations",
            paramLabel = "FILE.png",
            description = "draw histograms of each hidden layer's activations on up to 1000 training examples,"
                    + " before and after training, into a PNG")
    Path plotActivations;

    @Option(
            names = "--plot-gradients",
            paramLabel = "FILE.png",
            description = "draw each weight's gradient norm per epoch (log scale; before any --clip) into a PNG")
    Path plotGradients;

    @Option(
            names = "--history",
            paramLabel = "FILE",
            description = "write every epoch's losses, accuracies and learning rate as JSON (FILE.json) or CSV")
    Path history;

    private final Map<String, Map<String, Tensor>> activations = new LinkedHashMap<>();
    private Tensor sample;
    private GradientNorms norms;

    /** The files these options write, for {@link OutputPaths#check}. */
    void addTo(OutputPaths paths) {
        paths.file("--plot", plot)
                .file("--plot-weights", plotWeights)
                .file("--plot-activations", plotActivations)
                .file("--plot-gradients", plotGradients)
                .file("--history", history);
    }

    /** Before training: refuses a picture of the weights that cannot be drawn for a model of {@code spec}. */
    void check(ModelSource spec) {
        if (plotWeights != null) {
            spec.weightsPicture();
        }
    }

    /**
     * The picture of a model's first layer: a convolution's filters, or an Affine's rows as images
     * of the inputs (square ones when the model recorded only their number); as many units as keep
     * it within {@link #MAX_PIXELS}. A model whose inputs are not images is refused.
     */
    static WeightsPicture weightsPicture(ModelSpec spec) {
        int[] in = spec.input();
        WeightsPicture picture = new WeightsPicture();
        long tile = 25 * 4;
        if (spec.kind() != ModelSpec.Kind.CNN) {
            int side = (int) Math.round(Math.sqrt(spec.flatInput()));
            int[] image = in.length == 3 ? in : side * side == spec.flatInput() ? new int[] {1, side, side} : null;
            if (image == null) {
                throw new CliException("--plot-weights draws the first layer's weights as images, but the model's "
                        + spec.flatInput() + " inputs are not known to be images");
            }
            picture.images(image[0], image[1], image[2]);
            long scale = Math.max(1, 56 / Math.max(image[1], image[2]));
            tile = image[1] * scale * image[2] * scale;
        }
        if (tile > MAX_PIXELS) {
            throw new CliException(
                    "--plot-weights: one tile of " + ModelSpec.geometry(in) + " makes too large a picture");
        }
        return picture.maxUnits((int) Math.min(MAX_UNITS, MAX_PIXELS / tile));
    }

    /**
     * Has {@code trainer} record the gradient norms {@code --plot-gradients} draws: called before
     * the clipping is added, so that they are the gradients as backprop left them.
     */
    void watch(Trainer trainer) {
        if (plotGradients != null) {
            norms = new GradientNorms();
            trainer.watchGradients(norms);
        }
    }

    /**
     * Before training: records the hidden layers' activations on the first {@code rows} examples of
     * {@code train} (in the model's form), under {@code label} ("at initialisation").
     */
    void before(Network net, ModelSource spec, Dataset train, int rows, String label) {
        if (plotActivations == null) {
            return;
        }
        if (Activations.hiddenLayers(net).isEmpty()) {
            throw new CliException("--plot-activations: " + spec + " has no hidden layer to draw");
        }
        int n = Math.min(rows, train.size());
        Memory.require(
                16L * n * spec.scoringValuesPerExample(), "the activations of " + n + " examples, twice, to draw");
        sample = train.slice(0, n).inputs();
        activations.put(label, Activations.record(net, sample));
    }

    /** After training: records the activations again, under {@code label}. */
    void after(Network net, String label) {
        if (sample != null) {
            activations.put(label, Activations.record(net, sample));
        }
    }

    /** The outputs to write once the model is saved (the history's only when there is one). */
    List<Results.Output> outputs(Network net, ModelSource spec, TrainingHistory h) {
        List<Results.Output> out = new ArrayList<>();
        String title = spec.toString();
        if (plot != null && h != null) {
            out.add(new Results.Output("--plot", plot, "plot", () -> HistoryPlot.write(h, title, plot)));
        }
        if (history != null && h != null) {
            boolean json =
                    history.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            out.add(new Results.Output(
                    "--history",
                    history,
                    "the history as " + (json ? "JSON" : "CSV"),
                    () -> AtomicFiles.write(
                            history,
                            o -> o.write((json ? h.toJson() + "\n" : h.toCsv()).getBytes(StandardCharsets.UTF_8)))));
        }
        if (plotWeights != null) {
            out.add(new Results.Output(
                    "--plot-weights",
                    plotWeights,
                    "first-layer weights",
                    () -> spec.weightsPicture().write(net, plotWeights)));
        }
        if (plotActivations != null && activations.size() > 0) {
            String t =
                    String.format(Locale.ROOT, "%s: hidden activations of %d training examples", title, sample.rows());
            out.add(new Results.Output(
                    "--plot-activations",
                    plotActivations,
                    "activation histograms",
                    () -> ActivationHistograms.write(activations, t, plotActivations)));
        }
        if (norms != null) {
            out.add(new Results.Output(
                    "--plot-gradients",
                    plotGradients,
                    "gradient norms",
                    () -> GradientNormPlot.write(norms, title + ": gradient norm of each weight", plotGradients)));
        }
        return out;
    }
}

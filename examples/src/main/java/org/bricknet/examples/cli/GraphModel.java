package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.bricknet.core.Graph;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.BrickRegistry;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.examples.plots.WeightsPicture;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.training.LearningRateSchedule;

/**
 * A graph written as an architecture ({@link Architecture}), as the command line trains, scores and
 * checks it: one input, which takes the data's examples; a first output of {@code (K)} scores per
 * example, one per class; and one loss, which scores that output. Everything the file says is
 * checked when it is read, before anything is built: these three, and its {@code training} section
 * (the optimizer's name, and the schedule, read by {@link LearningRateSchedule#parse}).
 *
 * <p>Data fits the input when it is unambiguous: an input of {@code (C, H, W)} takes images of
 * exactly that geometry; an input of {@code (D)} takes examples of D values, images flattened row by
 * row (28×28 digits for an input of {@code (784)}). Any other shape of the same number of values
 * ({@code (28, 28)}, {@code (1, 784)}) is refused, saying the two shapes that would do.
 */
final class GraphModel implements ModelSource {
    private final Architecture architecture;
    private final String name;
    private final String label;
    private final String input;
    private final int[] inputShape;
    private final String output;
    private final int classes;
    private final LearningRateSchedule schedule;

    private GraphModel(Architecture architecture, String name, String label) throws BadFileException {
        this.architecture = architecture;
        this.name = name;
        this.label = label;
        Map<String, int[]> inputs = architecture.inputs();
        if (inputs.size() != 1) {
            throw new BadFileException(
                    name,
                    "the architecture has inputs " + inputs.keySet()
                            + "; the command line feeds a graph one input, the examples");
        }
        this.input = inputs.keySet().iterator().next();
        this.inputShape = inputs.get(input);
        Map.Entry<String, int[]> first =
                architecture.outputShapes().entrySet().iterator().next();
        this.output = first.getKey();
        if (first.getValue().length != 1) {
            throw new BadFileException(
                    name,
                    "the first output '" + output + "' gives " + batch(first.getValue())
                            + "; the command line reads class scores from an output of (N, K), K classes");
        }
        this.classes = first.getValue()[0];
        Architecture.Training t = training();
        if (t.optimizer() != null && !known(t.optimizer())) {
            throw new BadFileException(
                    name,
                    "training, field 'optimizer': expected one of " + String.join(", ", Optimizers.NAMES) + " or "
                            + FullBatchTraining.NAME + ", got '" + t.optimizer() + "'");
        }
        try {
            this.schedule = t.schedule() == null ? null : LearningRateSchedule.parse(t.schedule());
        } catch (IllegalArgumentException e) {
            throw new BadFileException(name, "training, field 'schedule': " + e.getMessage(), e);
        }
    }

    /** The architecture in {@code file}, read and checked. */
    static GraphModel read(Path file) throws IOException {
        return of(Architecture.read(file), file.toString(), file.toString());
    }

    /**
     * An architecture read from {@code name} (a file, a model file's or checkpoint's metadata),
     * checked; {@code label} calls it in what the commands print (the file it was first read from).
     */
    static GraphModel of(Architecture a, String name, String label) throws BadFileException {
        return new GraphModel(a, name, label);
    }

    /**
     * A model file written by {@code train --save} of an architecture: its architecture checked,
     * its tensors against it and the memory to score it, then the network built in its state.
     */
    static SavedModel load(Path file, SafeTensors.Contents contents) throws IOException {
        String where = file.toString();
        String named = contents.metadata().get(GraphTraining.NAME);
        GraphModel model = of(
                ModelFiles.architecture(contents, where, BrickRegistry.standard()),
                where,
                named == null || named.isBlank() ? "graph" : named);
        ModelFiles.requireState(model.architecture, contents.tensors(), where);
        GraphSize.require(model, 0, model.evaluationRows(), 1, 0, "the model in " + file + " (" + model + ")");
        Network net = ModelFiles.loadGraph(model.architecture, contents, where);
        model.requireOneLoss(net.graph());
        return new SavedModel(model, net);
    }

    static boolean known(String optimizer) {
        String n = optimizer.trim().toLowerCase(Locale.ROOT);
        return Optimizers.NAMES.contains(n) || FullBatchTraining.NAME.equals(n);
    }

    Architecture architecture() {
        return architecture;
    }

    /** Where the architecture was read from, as given: the file, or the model file or checkpoint. */
    String name() {
        return name;
    }

    /**
     * What the commands call it: the architecture file it was first read from (a model file keeps
     * its name, {@code residual-mlp.json}), or "graph".
     */
    String label() {
        return label;
    }

    /** The file's suggested training settings (each null when it does not say). */
    Architecture.Training training() {
        return architecture.training().orElse(Architecture.Training.NONE);
    }

    /** The file's learning-rate schedule, or null. */
    LearningRateSchedule schedule() {
        return schedule;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** A fresh network of this architecture, its weights drawn from {@code random}. */
    Network network(Random random) throws BadFileException {
        Graph g = architecture.build(random);
        requireOneLoss(g);
        return new Network(g);
    }

    /** The graph has one loss, and it scores the first output: what accuracy and probabilities are read from. */
    private void requireOneLoss(Graph g) throws BadFileException {
        if (g.losses().size() != 1) {
            throw new BadFileException(
                    name,
                    "the architecture has "
                            + (g.losses().isEmpty()
                                    ? "no losses"
                                    : "losses " + g.losses().keySet())
                            + "; the command line trains a graph of one loss, which scores '" + output + "'");
        }
        String loss = g.losses().keySet().iterator().next();
        String scored = g.inputsOf(loss).get(0);
        if (!scored.equals(output)) {
            throw new BadFileException(
                    name,
                    "loss '" + loss + "' scores '" + scored + "', but the first output is '" + output + "'; list '"
                            + scored + "' first in 'outputs'");
        }
    }

    @Override
    public Dataset shape(Dataset data) {
        int[] image = data.imageShape();
        int values = data.valuesPerExample();
        String takes = "its input '" + input + "' takes " + batch(inputShape);
        if (image != null && Arrays.equals(inputShape, image)) {
            return requireClasses(data).asImages(image[0], image[1], image[2]);
        }
        if (inputShape.length == 1 && inputShape[0] == values) {
            return requireClasses(data).flat();
        }
        if (image == null) {
            throw new IllegalArgumentException(takes + ", the data's examples are " + values + " values, not known"
                    + " to be images: give the input the shape [" + values + "]");
        }
        String holds = takes + ", the data holds images of " + ModelSpec.geometry(image) + " (" + values + " values)";
        if (values(inputShape) == values) {
            throw new IllegalArgumentException(holds + ", which are read as " + list(image) + " or flattened as ["
                    + values + "] only: give the input one of these shapes");
        }
        String other = inputShape.length == 3
                ? ", or use images of " + ModelSpec.geometry(inputShape)
                : inputShape.length == 1 ? ", or use data of " + inputShape[0] + " values per example" : "";
        throw new IllegalArgumentException(holds + ": give the input the shape " + list(image) + " (images) or ["
                + values + "] (flattened)" + other);
    }

    private Dataset requireClasses(Dataset data) {
        if (data.classes() != classes) {
            throw new IllegalArgumentException("its output '" + output + "' gives " + classes + " scores per example,"
                    + " the data has " + data.classes() + " classes: make '" + output + "' give " + data.classes());
        }
        return data;
    }

    /** Rows scored at a time: 1000, or fewer where an example takes many values (convolutions' maps). */
    int evaluationRows() {
        long rows = (1L << 23) / Math.max(1, architecture.exampleValues());
        return (int) Math.max(1, Math.min(TrainCommand.EVALUATION_ROWS, rows));
    }

    @Override
    public void save(Path file, Network net) throws IOException {
        Path named = Path.of(label).getFileName();
        ModelFiles.saveGraph(file, net, Map.of(GraphTraining.NAME, named == null ? label : named.toString()));
    }

    /**
     * The first parameter can be drawn as tiles when it is a convolution's filters, or an Affine's
     * weights on inputs of a square number of values (28×28 digits, flattened or not).
     */
    @Override
    public WeightsPicture weightsPicture() {
        Map.Entry<String, int[]> first =
                architecture.stateShapes().entrySet().stream().findFirst().orElse(null);
        if (first == null) {
            throw new CliException("--plot-weights: " + this + " has no parameters to draw");
        }
        int[] s = first.getValue();
        int side = s.length == 2 ? (int) Math.round(Math.sqrt(s[0])) : 0;
        if (s.length == 4 || (s.length == 2 && side * side == s[0])) {
            return new WeightsPicture();
        }
        throw new CliException(
                "--plot-weights draws a first layer's weights as images (a convolution's filters, or an Affine's on a"
                        + " square of inputs); the first parameter of " + this + " is '" + first.getKey() + "' "
                        + list(s).replace('[', '(').replace(']', ')'));
    }

    @Override
    public void requireMemory(long batch, long evaluationRows, int scoredSets, int optimizerSlots, String what) {
        GraphSize.require(this, batch, evaluationRows, scoredSets, optimizerSlots, what);
    }

    @Override
    public long scoringValuesPerExample() {
        return GraphSize.EVALUATION_FACTOR * architecture.exampleValues();
    }

    /** {@code residual-mlp.json (784 → 10)}, {@code branching-cnn.json (1×28×28 → 10)}, {@code graph (784 → 10)}. */
    @Override
    public String toString() {
        String in = Arrays.stream(inputShape).mapToObj(Integer::toString).collect(Collectors.joining("×"));
        return label + " (" + in + " → " + classes + ")";
    }

    /** The architecture without its training section, as JSON: the graph alone, to compare two runs' graphs. */
    String graphText() {
        return architecture.withTraining(null).toJson();
    }

    static String batch(int[] example) {
        return "(N, " + Arrays.stream(example).mapToObj(Integer::toString).collect(Collectors.joining(", ")) + ")";
    }

    private static String list(int[] shape) {
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static long values(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The lines of two texts where they first differ, for a message. */
    static List<String> firstDifference(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String p = i < x.size() ? x.get(i).strip() : "";
            String q = i < y.size() ? y.get(i).strip() : "";
            if (!p.equals(q)) {
                return List.of(cut(p), cut(q));
            }
        }
        return List.of("", "");
    }

    private static String cut(String line) {
        String s = line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}

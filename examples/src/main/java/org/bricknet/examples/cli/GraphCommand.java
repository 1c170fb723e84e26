package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.bricknet.core.Graph;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.AtomicFiles;
import org.bricknet.core.io.FileChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code graph FILE [--dot FILE.dot] [--png FILE.png]}: the summary of an architecture file or of a
 * model file (Keras's {@code model.summary()}: each node, its brick, what it takes, its output shape
 * and parameters, then the totals), with an architecture's suggested training settings; the graph in
 * Graphviz's DOT language; and a PNG of it drawn by Graphviz's {@code dot} ({@link Graphviz}). Where
 * {@code dot} cannot be run, the DOT file is written all the same (beside the PNG's path when
 * {@code --dot} is not given) and one line says how to get Graphviz; the exit code is then 1.
 */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print the summary of an architecture file or a model file, and draw its graph.",
            "--png needs Graphviz's dot (Debian: " + Graphviz.INSTALL + ")."
        })
public final class GraphCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "FILE",
            description = "an architecture (FILE.json, see examples/architectures) or a model saved by train --save")
    Path file;

    @Option(names = "--dot", paramLabel = "FILE.dot", description = "write the graph in Graphviz's DOT language")
    Path dot;

    @Option(names = "--png", paramLabel = "FILE.png", description = "draw the graph into a PNG with Graphviz's dot")
    Path png;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        boolean drawable = png == null || Graphviz.available();
        Path dotFile = dot != null || drawable ? dot : besidePng(png);
        new OutputPaths()
                .file("--dot", dotFile)
                .file("--png", png)
                .input("the file shown", file)
                .check();

        Shown shown = isModelFile(file) ? model(file) : architecture(file);
        out.println(shown.heading());
        out.println(shown.graph().summary());
        if (!shown.footer().isEmpty()) {
            out.println(shown.footer());
        }
        String text = shown.graph().toDot();
        if (dotFile != null) {
            AtomicFiles.write(dotFile, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
            out.println("saved the graph in DOT to " + dotFile);
        }
        if (png == null) {
            return 0;
        }
        byte[] picture;
        try {
            if (!drawable) {
                throw new Graphviz.Missing("Graphviz's dot cannot be run (" + Graphviz.program() + ")", null);
            }
            picture = Graphviz.png(text);
        } catch (Graphviz.Missing e) {
            out.flush();
            spec.commandLine()
                    .getErr()
                    .println("bricknet: --png " + png + ": " + e.getMessage() + "; install Graphviz ("
                            + Graphviz.INSTALL + ") and run dot -Tpng " + dotFile + " -o " + png
                            + " (the DOT file is written)");
            return 1;
        }
        AtomicFiles.write(png, o -> o.write(picture));
        out.println("saved the picture of the graph to " + png);
        return 0;
    }

    /** What is shown: a line naming it, its graph, and a line after the summary (or nothing). */
    private record Shown(String heading, Graph graph, String footer) {}

    private static Shown model(Path file) throws IOException {
        SavedModel saved = SavedModel.load(file);
        String footer = saved.spec() instanceof GraphModel
                ? ""
                : "keys as the book names them: "
                        + String.join(", ", saved.network().parameters().keySet());
        return new Shown("model " + file + ": " + saved.spec(), saved.network().graph(), footer);
    }

    private static Shown architecture(Path file) throws IOException {
        Architecture a = Architecture.read(file);
        GraphSize.require(a, 0, 0, 0, 0, "the graph of " + file);
        Graph g = a.build(new Random(0));
        Architecture.Training t = a.training().orElse(Architecture.Training.NONE);
        StringBuilder s = new StringBuilder();
        append(s, "epochs", t.epochs());
        append(s, "batch size", t.batchSize());
        append(s, "optimizer", t.optimizer());
        append(s, "learning rate", t.learningRate() == null ? null : GraphTraining.plain(t.learningRate()));
        append(s, "schedule", t.schedule());
        append(s, "weight decay", t.weightDecay() == null ? null : GraphTraining.plain(t.weightDecay()));
        return new Shown(
                "architecture " + file,
                g,
                s.length() == 0 ? "no suggested training settings" : "suggested training: " + s);
    }

    private static void append(StringBuilder s, String what, Object value) {
        if (value != null) {
            s.append(s.length() == 0 ? "" : ", ").append(what).append(' ').append(value);
        }
    }

    /**
     * Whether {@code file} begins as a safetensors file does (a header length that the file can
     * hold, then the header's {@code {}); anything else is read as an architecture.
     */
    static boolean isModelFile(Path file) throws IOException {
        if (!FileChecks.present(file) || Files.isDirectory(file)) {
            return false;
        }
        FileChecks.requireReadableFile(file);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(9);
        }
        if (head.length < 9 || head[8] != '{') {
            return false;
        }
        long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n > 0 && n <= Files.size(file) - 8;
    }

    /** {@code graph.dot} beside {@code graph.png}: where the DOT goes when dot cannot draw and --dot is not given. */
    static Path besidePng(Path png) {
        String name = png.getFileName().toString();
        String stem =
                name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return png.resolveSibling(stem + ".dot");
    }
}

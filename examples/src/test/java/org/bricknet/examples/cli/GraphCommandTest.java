package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.ArchitectureCommandLineTest.refused;
import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graph FILE}: the summary of an architecture or a model file, its DOT, and its PNG where
 * Graphviz's {@code dot} runs; where it does not (the lookup pointed at a missing program), one
 * line says how to get it and the DOT file is written all the same.
 */
class GraphCommandTest {
    @TempDir
    Path dir;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void anArchitecturesSummaryAndSuggestedTrainingAndItsDot() throws Exception {
        Path file = Architectures.write(
                dir,
                "mlp.json",
                Architectures.mlp("\"epochs\": 3, \"optimizer\": \"adam\", \"learning_rate\": 0.0003,"
                        + " \"schedule\": \"step:2:0.1\""));
        Path dot = dir.resolve("mlp.dot");
        CommandLineTest.Run r = run("graph", file.toString(), "--dot", dot.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                architecture %s
                Graph: 1 input, 5 nodes, 1 output, 1 loss
                  node    brick                                             takes      output shape  parameters
                  ------  ------------------------------------------------  ---------  ------------  ----------
                  x       input                                                        (N, 784)               0
                  fc1     Affine(784 → 16)                                  x          (N, 16)           12,560
                  bn      BatchNormalization(16, momentum 0.9, eps 1.0E-6)  fc1        (N, 16)               32
                  relu    Relu                                              bn         (N, 16)                0
                  drop    Dropout(0.2)                                      relu       (N, 16)                0
                  scores  Affine(16 → 10)                                   drop       (N, 10)              170
                  loss    SoftmaxWithLoss                                   scores, t  scalar                 0
                  ------  ------------------------------------------------  ---------  ------------  ----------
                total parameters: 12,762 in 6 tensors
                buffers, not trained: 32 values in 2 tensors
                outputs: scores
                suggested training: epochs 3, optimizer adam, learning rate 0.0003, schedule step:2:0.1
                saved the graph in DOT to %s
                """.formatted(file, dot), r.out());
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph") && text.contains("fc1") && text.contains("SoftmaxWithLoss"), text);
    }

    @Test
    void aModelFilesSummaryBuiltInOrGraph() throws Exception {
        Path builtIn = dir.resolve("two.safetensors");
        assertEquals(
                0,
                run("train", "--hidden", "5", "--epochs", "1", "--save", builtIn.toString())
                        .code());
        CommandLineTest.Run r = run("graph", builtIn.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("model " + builtIn + ": two-layer 784,5,10\n"), r.out());
        assertTrue(r.out().contains("Affine1") && r.out().contains("keys as the book names them: W1, b1, W2, b2"));

        Path arch = Architectures.write(dir, "smooth.json", Architectures.smooth("\"epochs\": 1"));
        Path graph = dir.resolve("graph.safetensors");
        assertEquals(
                0,
                run("train", "--architecture", arch.toString(), "--save", graph.toString())
                        .code());
        CommandLineTest.Run g = run("graph", graph.toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().startsWith("model " + graph + ": smooth.json (784 → 10)\nGraph: 1 input, 3 nodes"), g.out());
    }

    @Test
    void itsHelpSaysWhatItTakes() {
        CommandLineTest.Run r = run("graph", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: bricknet graph") && r.out().contains("--png=FILE.png"), r.out());
        assertTrue(r.out().contains("apt-get install graphviz"), r.out());
    }

    @Test
    void anyArchitectureIsShownEvenOneTrainDoesNotTake() throws Exception {
        Path two = Architectures.write(
                dir,
                "two.json",
                Architectures.graph(
                                "[4]",
                                "{\"name\": \"sum\", \"type\": \"Add\", \"takes\": [\"x\", \"y\"]},\n"
                                        + "{\"name\": \"scores\", \"type\": \"Affine\", \"settings\": {\"out\": 2},"
                                        + " \"takes\": [\"sum\"]}",
                                null)
                        .replace("}],\n  \"nodes\"", "}, {\"name\": \"y\", \"shape\": [4]}],\n  \"nodes\""));
        CommandLineTest.Run r = run("graph", two.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Graph: 2 inputs, 2 nodes, 1 output, 1 loss"), r.out());
        assertTrue(r.out().contains("sum     Add "), r.out());
    }

    @Test
    void aPngIsDrawnByGraphviz() throws Exception {
        Assumptions.assumeTrue(Graphviz.available(), "Graphviz's dot is not installed (Debian: graphviz)");
        Path png = dir.resolve("cnn.png");
        CommandLineTest.Run r =
                run("graph", Path.of("architectures/branching-cnn.json").toString(), "--png", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("saved the picture of the graph to " + png + "\n"), r.out());
        assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(png), 4));
        assertFalse(Files.exists(dir.resolve("cnn.dot")), "no DOT file unless asked for");
    }

    @Test
    void withoutGraphvizOneLineSaysHowToGetItAndTheDotFileIsWritten() throws Exception {
        Path file = Architectures.write(dir, "smooth.json", Architectures.smooth(null));
        Path png = dir.resolve("smooth.png");
        Path missing = dir.resolve("no-such-dot");
        String old = System.setProperty(Graphviz.PROPERTY, missing.toString());
        try {
            CommandLineTest.Run r = run("graph", file.toString(), "--png", png.toString());
            assertEquals(1, r.code(), r.out());
            Path dot = dir.resolve("smooth.dot");
            assertEquals(
                    "bricknet: --png " + png + ": Graphviz's dot cannot be run (" + missing + "); install Graphviz"
                            + " (apt-get install graphviz) and run dot -Tpng " + dot + " -o " + png
                            + " (the DOT file is written)\n",
                    r.err());
            assertTrue(r.out().contains("saved the graph in DOT to " + dot), r.out());
            assertTrue(Files.readString(dot).startsWith("digraph"));
            assertFalse(Files.exists(png));

            Path asked = dir.resolve("asked.dot");
            CommandLineTest.Run withDot =
                    run("graph", file.toString(), "--png", png.toString(), "--dot", asked.toString());
            assertEquals(1, withDot.code());
            assertTrue(withDot.err().contains("run dot -Tpng " + asked + " -o " + png), withDot.err());
            assertTrue(Files.exists(asked));
        } finally {
            if (old == null) {
                System.clearProperty(Graphviz.PROPERTY);
            } else {
                System.setProperty(Graphviz.PROPERTY, old);
            }
        }
    }

    @Test
    void badFilesAndPathsAreOneLine() throws Exception {
        Path bad =
                Architectures.write(dir, "bad.json", Architectures.smooth(null).replace("\"Tanh\"", "\"Tahn\""));
        CommandLineTest.Run r = run("graph", bad.toString());
        assertEquals(1, r.code());
        assertTrue(
                r.err()
                        .startsWith("bricknet: " + bad + ": node 'tanh' (Tahn), unknown brick type 'Tahn' (did you mean"
                                + " 'Tanh'?)"),
                r.err());
        refused(
                run("graph", dir.resolve("none.json").toString()),
                1,
                "bricknet: " + dir.resolve("none.json") + ": no such file");
        Path good = Architectures.write(dir, "smooth.json", Architectures.smooth(null));
        refused(
                run("graph", good.toString(), "--dot", good.toString()),
                1,
                "bricknet: --dot " + good + ": is the file shown, which this run reads; choose another file");
        refused(
                run(
                        "graph",
                        good.toString(),
                        "--dot",
                        dir.resolve("no/dir/g.dot").toString()),
                1,
                "bricknet: --dot " + dir.resolve("no/dir/g.dot") + ": cannot write: directory " + dir.resolve("no/dir")
                        + " does not exist");
    }
}

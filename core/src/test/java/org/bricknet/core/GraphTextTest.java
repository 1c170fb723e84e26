package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bricknet.core.testing.Join;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph's summary worked out by hand, its DOT picture, and a chain's summary with the book's keys. */
class GraphTextTest {
    @TempDir
    Path dir;

    /** x (4) → h: Linear 4→3 → a: Linear 3→3 and b over a's weights → m = a + 2·b → loss. */
    private static Graph small() {
        Random r = new Random(1);
        Linear a = new Linear(3, 3, 0.5, r);
        return Graph.builder()
                .input("x", 4)
                .node("h", new Linear(4, 3, 0.5, r), "x")
                .node("a", a, "h")
                .node("b", new Linear(a.weights().value(), a.bias().value()), "h")
                .node("m", new Join(), "a", "b")
                .loss("loss", new SoftmaxCrossEntropy(), "m", "t", 0.5)
                .build();
    }

    @Test
    void theSummaryCountsEachParameterOnceAndSaysWhoShares() {
        // h: W (4, 3) + b (3) = 15; a: W (3, 3) + b (3) = 12; b holds a's, counted once: 27 in 4 tensors
        assertEquals(
                String.join(
                        "\n",
                        "Graph: 1 input, 4 nodes, 1 output, 1 loss",
                        "  node  brick                     takes  output shape  parameters",
                        "  ----  ------------------------  -----  ------------  ----------",
                        "  x     input                            (N, 4)                 0",
                        "  h     Linear                    x      (N, 3)                15",
                        "  a     Linear                    h      (N, 3)                12",
                        "  b     Linear                    h      (N, 3)        shares a",
                        "  m     Join                      a, b   (N, 3)                 0",
                        "  loss  SoftmaxCrossEntropy ×0.5  m, t   scalar                 0",
                        "  ----  ------------------------  -----  ------------  ----------",
                        "total parameters: 27 in 4 tensors (2 held by several bricks, counted once)",
                        "buffers, not trained: 0 values in 0 tensors",
                        "outputs: m"),
                small().summary());
        assertEquals(small().summary(), small().toString());
    }

    @Test
    void aChainShowsTheBooksKeys() {
        Random r = new Random(2);
        Network net = new Network()
                .add("Affine1", new Linear(784, 50, 0.01, r))
                .add("Affine2", new Linear(50, 10, 0.01, r))
                .withLoss(new SoftmaxCrossEntropy())
                .withWeightDecay(1e-4);
        assertEquals(
                String.join(
                        "\n",
                        "Network: 2 layers, then SoftmaxCrossEntropy",
                        "  layer    brick                parameters  keys",
                        "  -------  -------------------  ----------  ------",
                        "  Affine1  Linear                   39,250  W1, b1",
                        "  Affine2  Linear                      510  W2, b2",
                        "  (loss)   SoftmaxCrossEntropy           0",
                        "  -------  -------------------  ----------  ------",
                        "total parameters: 39,760 in 4 tensors",
                        "buffers, not trained: 0 values in 0 tensors",
                        "weight decay: 1.0E-4"),
                net.summary());
        assertEquals(net.summary(), net.toString());
        Network over = new Network(small());
        assertEquals(small().summary() + "\nweight decay: 0", over.summary());
    }

    @Test
    void theDotPictureHasABoxPerNodeAnArrowPerInputAndADashedLineForSharing() {
        String dot = small().toDot();
        assertTrue(dot.startsWith("digraph bricknet {\n"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        assertTrue(dot.contains("  \"x\" [shape=ellipse, label=\"x\\n(N, 4)\"];\n"), dot);
        assertTrue(dot.contains("  \"h\" [label=\"h\\nLinear\\n(N, 3)\\n15 parameters\"];\n"), dot);
        assertTrue(dot.contains("  \"x\" -> \"h\";\n"), dot);
        assertTrue(dot.contains("  \"a\" -> \"m\";\n  \"b\" -> \"m\";\n"), dot);
        assertTrue(
                dot.contains("  \"b\" -> \"a\" [style=dashed, arrowhead=none, constraint=false, label=\"shares\"];\n"),
                dot);
        assertTrue(dot.contains("  \"loss\" [shape=octagon, label=\"loss\\nSoftmaxCrossEntropy\"];\n"), dot);
        assertTrue(dot.contains("  \"m\" -> \"output m\";\n"), dot);
        // every statement inside the braces ends with a semicolon
        dot.lines().skip(1).filter(l -> !l.equals("}")).forEach(l -> assertTrue(l.endsWith(";"), l));
    }

    /** x → res (a graph: in → f: Linear 3→3 → sum = in + f) → loss: the block is a cluster, its skip visible. */
    @Test
    void aNestedGraphIsAClusterOfItsOwnNodesSoItsSkipShows() {
        Random r = new Random(3);
        Graph block = Graph.builder()
                .input("in")
                .node("f", new Linear(3, 3, 0.5, r), "in")
                .node("sum", new Join(), "in", "f")
                .output("sum")
                .build();
        Graph g = Graph.builder()
                .input("x", 3)
                .node("res", block, "x")
                .loss("loss", new SoftmaxCrossEntropy(), "res", "t", 1.0)
                .build();
        String dot = g.toDot();
        assertTrue(
                dot.contains("  subgraph \"cluster_res\" {\n    label=\"res: graph of 2 nodes\\n12 parameters\";\n"),
                dot);
        assertTrue(dot.contains("    \"res/in\" [shape=ellipse"), dot);
        assertTrue(dot.contains("    \"res/in\" -> \"res/f\";\n"), dot);
        assertTrue(dot.contains("    \"res/in\" -> \"res/sum\";\n    \"res/f\" -> \"res/sum\";\n"), dot);
        assertTrue(dot.contains("  \"x\" -> \"res/in\";\n"), dot);
        assertTrue(dot.contains("  \"res/sum\" -> \"loss\";\n"), dot);
        assertTrue(dot.contains("  \"res/sum\" -> \"output res\";\n"), dot);
        dot.lines()
                .skip(1)
                .filter(l -> !l.strip().equals("}") && !l.endsWith("{"))
                .forEach(l -> assertTrue(l.endsWith(";"), l));
    }

    /** Graphviz accepts it, where Graphviz is installed (Debian: graphviz); skipped elsewhere. */
    @Test
    void dotDrawsItWhereGraphvizIsInstalled() throws IOException, InterruptedException {
        Path dotFile = dir.resolve("g.dot");
        Path png = dir.resolve("g.png");
        Files.writeString(dotFile, small().toDot());
        Process p;
        try {
            p = new ProcessBuilder("dot", "-Tpng", "-o", png.toString(), dotFile.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noDot) {
            Assumptions.abort("Graphviz's dot is not installed");
            return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dot finished");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals("PNG", new String(head, 1, 3));
    }
}

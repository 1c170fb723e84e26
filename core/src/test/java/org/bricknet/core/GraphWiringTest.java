package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.bricknet.core.testing.Join;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every wiring mistake is found when the graph is built, and named. */
class GraphWiringTest {
    private final Random r = new Random(1);

    private static String refused(Executable build) {
        return assertThrows(IllegalArgumentException.class, build).getMessage();
    }

    @Test
    void aReferenceToNothingSaysWhatIsReachable() {
        String m = refused(() -> Graph.builder()
                .input("x", 4)
                .node("fc1", new Linear(4, 4, 0.1, r), "x")
                .node("add1", new Join(), "fc1", "res")
                .output("add1")
                .build());
        assertEquals("Graph: node 'add1' takes 'res', which no node gives; reachable from the inputs: x, fc1", m);
    }

    @Test
    void aNearMissIsSuggested() {
        String m = refused(() -> Graph.builder()
                .input("x", 4)
                .node("hidden", new Linear(4, 4, 0.1, r), "x")
                .output("hiden")
                .build());
        assertTrue(m.contains("'hiden', which no node gives (did you mean 'hidden'?)"), m);
    }

    @Test
    void aCycleIsNamedNodeByNode() {
        String m = refused(() -> Graph.builder()
                .input("x", 4)
                .node("a", new Join(), "x", "c")
                .node("b", new Linear(4, 4, 0.1, r), "a")
                .node("c", new Linear(4, 4, 0.1, r), "b")
                .output("c")
                .build());
        assertEquals("Graph: the nodes form a cycle: a → b → c → a (each takes the one before it)", m);
    }

    @Test
    void duplicateNamesAndBadNames() {
        assertEquals(
                "Graph: two inputs, nodes or losses are named 'x'",
                refused(() -> Graph.builder()
                        .input("x", 4)
                        .node("x", new Linear(4, 4, 0.1, r), "x")
                        .build()));
        assertTrue(refused(() -> Graph.builder().input("a:b", 4).build()).contains("'a:b' is not a name"));
    }

    @Test
    void outputsNobodyTakesAndInputsNobodyUses() {
        assertEquals(
                "Graph: 'side' is taken by no node, output or loss; remove the node or name it an output",
                refused(() -> Graph.builder()
                        .input("x", 4)
                        .node("side", new Linear(4, 4, 0.1, r), "x")
                        .node("main", new Linear(4, 4, 0.1, r), "x")
                        .output("main")
                        .build()));
        assertEquals(
                "Graph: input 'y' is taken by no node",
                refused(() -> Graph.builder()
                        .input("x", 4)
                        .input("y", 4)
                        .node("main", new Linear(4, 4, 0.1, r), "x")
                        .output("main")
                        .build()));
        assertTrue(refused(() -> Graph.builder().input("x", 4).build()).startsWith("Graph: no outputs and no losses"));
    }

    @Test
    void aBrickGivenTheWrongNumberOfInputs() {
        assertEquals(
                "Graph: node 'fc' (Linear) takes 1 input, got 2 (x, y)",
                refused(() -> Graph.builder()
                        .input("x", 4)
                        .input("y", 4)
                        .node("fc", new Linear(4, 4, 0.1, r), "x", "y")
                        .output("fc")
                        .build()));
    }

    @Test
    void shapesThatDoNotFitAreFoundAtBuildTime() {
        String m = refused(() -> Graph.builder()
                .input("x", 4)
                .node("a", new Linear(4, 5, 0.1, r), "x")
                .node("b", new Linear(4, 3, 0.1, r), "x")
                .node("sum", new Join(), "a", "b")
                .output("sum")
                .build());
        assertTrue(m.startsWith("Join 'sum' takes 'a' (N, 5), 'b' (N, 3): Join: expected inputs of one shape"), m);
        String n = refused(() -> Graph.builder()
                .input("x", 4)
                .node("fc1", new Linear(4, 5, 0.1, r), "x")
                .node("fc2", new Linear(6, 2, 0.1, r), "fc1")
                .output("fc2")
                .build());
        assertTrue(n.startsWith("Linear 'fc2' takes 'fc1' (N, 5): Linear: expected input of shape (N, 6)"), n);
    }

    @Test
    void oneBrickObjectCannotBeTwoNodes() {
        Linear same = new Linear(4, 4, 0.1, r);
        String m = refused(() -> Graph.builder()
                .input("x", 4)
                .node("a", same, "x")
                .node("b", same, "a")
                .output("b")
                .build());
        assertTrue(m.startsWith("Graph: nodes 'a' and 'b' hold the same Linear object"), m);
    }

    @Test
    void nodesRunInAnOrderThatRespectsTheWiringWhateverTheDeclarationOrder() {
        Graph g = Graph.builder()
                .node("c", new Linear(3, 2, 0.1, r), "b")
                .node("b", new Linear(4, 3, 0.1, r), "a")
                .node("a", new Linear(4, 4, 0.1, r), "x")
                .input("x", 4)
                .loss("loss", new SoftmaxCrossEntropy(), "c")
                .build();
        assertEquals(List.of("a", "b", "c"), List.copyOf(g.nodes().keySet()));
        assertArrayEquals(new int[] {2}, g.exampleShape("c"));
        assertEquals(List.of("c"), g.outputNames());
        assertEquals(List.of("t"), g.targetNames());
    }

    @Test
    void aNodesSecondOutputIsNamedByItsNumber() {
        String m = refused(() -> Graph.builder()
                .input("x", 4)
                .node("fc", new Linear(4, 4, 0.1, r), "x")
                .output("fc:1")
                .build());
        assertEquals("Graph: output takes 'fc:1', but 'fc' gives 1 output (fc)", m);
    }
}

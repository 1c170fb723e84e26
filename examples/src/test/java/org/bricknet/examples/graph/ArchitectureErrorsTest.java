package org.bricknet.examples.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;
import org.junit.jupiter.api.Test;

/** Every mistake in an architecture file is one line naming the node and the field, found before anything is built. */
class ArchitectureErrorsTest {
    private static final String INPUT = "\"inputs\": [{\"name\": \"x\", \"shape\": [4]}]";

    /** The message for an architecture with {@code nodes} (JSON list items) and output "out". */
    private static String refused(String nodes) {
        return refusedWhole("{" + INPUT + ", \"nodes\": [" + nodes + "], \"outputs\": [\"out\"]}");
    }

    private static String refusedWhole(String json) {
        BadFileException e = assertThrows(BadFileException.class, () -> Architecture.parse(json, "arch.json"));
        assertTrue(e.getMessage().startsWith("arch.json: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage().substring("arch.json: ".length());
    }

    @Test
    void anUnknownTypeIsNamedWithTheKnownOnes() {
        String m = refused("{\"name\": \"out\", \"type\": \"Afine\", \"takes\": [\"x\"]}");
        assertTrue(
                m.startsWith("node 'out' (Afine), unknown brick type 'Afine' (did you mean 'Affine'?); known types:"
                        + " Add, AddLayer, Affine, AvgPooling, BatchNormalization, Concat, Convolution, Dropout,"),
                m);
    }

    @Test
    void settingsMissingMistypedUnknownOrRefusedByTheBrick() {
        assertEquals(
                "node 'out' (Affine), missing setting 'out' (a whole number)",
                refused("{\"name\": \"out\", \"type\": \"Affine\", \"takes\": [\"x\"]}"));
        assertEquals(
                "node 'out' (Affine), setting 'out': expected a whole number in [1, 1048576], got \"ten\"",
                refused(
                        "{\"name\": \"out\", \"type\": \"Affine\", \"settings\": {\"out\": \"ten\"}, \"takes\": [\"x\"]}"));
        assertEquals(
                "node 'out' (Affine), setting 'out': expected a whole number in [1, 1048576], got 2.5",
                refused("{\"name\": \"out\", \"type\": \"Affine\", \"settings\": {\"out\": 2.5}, \"takes\": [\"x\"]}"));
        assertEquals(
                "node 'out' (Affine), unknown setting 'outs'; Affine takes [out, init]",
                refused("{\"name\": \"out\", \"type\": \"Affine\", \"settings\": {\"outs\": 3}, \"takes\": [\"x\"]}"));
        assertEquals(
                "node 'out' (Affine), setting 'init': WeightInit: unknown initialisation 'hee'; valid choices: he (or"
                        + " relu), xavier (or glorot, sigmoid), or a standard deviation such as 0.01",
                refused("{\"name\": \"out\", \"type\": \"Affine\", \"settings\": {\"out\": 3, \"init\": \"hee\"},"
                        + " \"takes\": [\"x\"]}"));
        assertEquals(
                "node 'out' (Dropout), Dropout: ratio must be in [0, 1), got 1.0",
                refused(
                        "{\"name\": \"out\", \"type\": \"Dropout\", \"settings\": {\"ratio\": 1}, \"takes\": [\"x\"]}"));
        assertEquals(
                "node 'out' (Convolution), setting 'kernel': expected [height, width], got [3]",
                refused(
                        "{\"name\": \"out\", \"type\": \"Convolution\", \"settings\": {\"filters\": 2, \"kernel\": [3]},"
                                + " \"takes\": [\"x\"]}"));
    }

    @Test
    void unknownAndMissingFields() {
        assertEquals(
                "node 'out' (Affine), unknown field 'setings' (did you mean 'settings'?); a node has the fields name,"
                        + " type, settings, block, shares, takes",
                refused("{\"name\": \"out\", \"type\": \"Affine\", \"setings\": {\"out\": 3}, \"takes\": [\"x\"]}"));
        assertEquals("node 'out' (Relu), missing field 'takes'", refused("{\"name\": \"out\", \"type\": \"Relu\"}"));
        assertEquals(
                "node 'out', expected exactly one of the fields 'type', 'block' and 'shares', got none",
                refused("{\"name\": \"out\", \"takes\": [\"x\"]}"));
        assertEquals(
                "node {\"type\":\"Relu\",\"takes\":[\"x\"]}: missing field 'name'",
                refused("{\"type\": \"Relu\", \"takes\": [\"x\"]}"));
        assertEquals(
                "unknown field 'node' (did you mean 'nodes'?); an architecture has the fields format, inputs, blocks,"
                        + " nodes, outputs, losses, training",
                refusedWhole("{" + INPUT + ", \"node\": []}"));
        assertEquals("missing field 'inputs'", refusedWhole("{\"nodes\": []}"));
        assertEquals(
                "input 'x', missing field 'shape'", refusedWhole("{\"inputs\": [{\"name\": \"x\"}], \"nodes\": []}"));
        assertEquals(
                "field 'format': expected \"bricknet-architecture-1\", got \"bricknet-architecture-2\"",
                refusedWhole("{\"format\": \"bricknet-architecture-2\"}"));
        assertEquals(
                "training, field 'epochs': expected a whole number in [1, 1000000], got 0",
                refusedWhole("{" + INPUT + ", \"nodes\": [{\"name\": \"out\", \"type\": \"Relu\", \"takes\": [\"x\"]}],"
                        + " \"outputs\": [\"out\"], \"training\": {\"epochs\": 0}}"));
        assertEquals(
                "loss 'l', field 'type': Relu is not a loss; the losses are MeanSquaredError, SigmoidWithLoss,"
                        + " SoftmaxWithLoss",
                refusedWhole("{" + INPUT + ", \"nodes\": [{\"name\": \"out\", \"type\": \"Relu\", \"takes\": [\"x\"]}],"
                        + " \"losses\": [{\"name\": \"l\", \"type\": \"Relu\", \"scores\": \"out\"}]}"));
    }

    @Test
    void badJsonSaysWhere() {
        assertEquals(
                "not valid JSON at line 1, column 51: Duplicate field 'inputs'",
                refusedWhole("{" + INPUT + ", \"inputs\": []}"));
        assertTrue(refusedWhole("{\"inputs\": [").startsWith("not valid JSON at line 1, column 13: Unexpected end"));
        assertEquals("expected an architecture (an object), got [1,2]", refusedWhole("[1,2]"));
    }

    @Test
    void badWiringIsTheGraphBuildersOwnMessage() {
        assertEquals(
                "Graph: node 'out' takes 'y', which no node gives (did you mean 'x'?); reachable from the inputs: x",
                refused("{\"name\": \"out\", \"type\": \"Relu\", \"takes\": [\"y\"]}"));
        assertEquals(
                "Add 'out' takes 'fc' (N, 3), 'x' (N, 4): Add expects inputs of one shape (no broadcasting), got (3,)"
                        + " and (4,)",
                refused("{\"name\": \"fc\", \"type\": \"Affine\", \"settings\": {\"out\": 3}, \"takes\": [\"x\"]},"
                        + " {\"name\": \"out\", \"type\": \"Add\", \"takes\": [\"fc\", \"x\"]}"));
        assertEquals(
                "Graph: node 'out' (Convolution): Convolution expects examples of shape (C, H, W), got (4,)",
                refused(
                        "{\"name\": \"out\", \"type\": \"Convolution\", \"settings\": {\"filters\": 2, \"kernel\": [3, 3]},"
                                + " \"takes\": [\"x\"]}"));
        assertEquals(
                "Graph: two inputs, nodes or losses are named 'out'",
                refused("{\"name\": \"out\", \"type\": \"Relu\", \"takes\": [\"x\"]},"
                        + " {\"name\": \"out\", \"type\": \"Tanh\", \"takes\": [\"x\"]}"));
    }

    @Test
    void limitsAreCheckedBeforeAnythingIsAllocated() {
        assertEquals(
                "input 'x', field 'shape': [4096,4096,2] is more than 4194304 values per example (the limit)",
                refusedWhole("{\"inputs\": [{\"name\": \"x\", \"shape\": [4096, 4096, 2]}], \"nodes\": []}"));
        // two layers of 100,000 outputs would be 10^10 weights: refused before the first is drawn
        assertEquals(
                "Graph: node 'out' (Affine): the parameters and buffers would hold more than 134217728 values (the"
                        + " limit)",
                refused("{\"name\": \"fc\", \"type\": \"Affine\", \"settings\": {\"out\": 100000}, \"takes\": [\"x\"]},"
                        + " {\"name\": \"out\", \"type\": \"Affine\", \"settings\": {\"out\": 100000}, \"takes\":"
                        + " [\"fc\"]}"));
        assertEquals(
                "Convolution 'out' takes 'x' (N, 1, 64, 64): its examples would be (N, 65536, 64, 64), more than"
                        + " 4194304 values each (the limit)",
                refusedWhole("{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 64, 64]}], \"nodes\": [{\"name\":"
                        + " \"out\", \"type\": \"Convolution\", \"settings\": {\"filters\": 65536, \"kernel\": [1, 1]},"
                        + " \"takes\": [\"x\"]}], \"outputs\": [\"out\"]}"));
    }

    @Test
    void blocksAndSharing() {
        String block = "\"blocks\": [{\"name\": \"b\", \"inputs\": [{\"name\": \"in\"}], \"nodes\": [{\"name\": \"u\","
                + " \"block\": \"b\", \"takes\": [\"in\"]}], \"outputs\": [\"u\"]}]";
        assertEquals(
                "blocks use one another in a cycle: b → b",
                refusedWhole("{" + INPUT + ", " + block + ", \"nodes\": [{\"name\": \"out\", \"block\": \"b\","
                        + " \"takes\": [\"x\"]}], \"outputs\": [\"out\"]}"));
        assertEquals(
                "node 'out', field 'block': no block is named 'res'; the file defines no blocks",
                refused("{\"name\": \"out\", \"block\": \"res\", \"takes\": [\"x\"]}"));
        assertEquals(
                "node 'out', field 'shares': no node of the graph is named 'fd' (did you mean 'fc'?)",
                refused("{\"name\": \"fc\", \"type\": \"Affine\", \"settings\": {\"out\": 4}, \"takes\": [\"x\"]},"
                        + " {\"name\": \"out\", \"shares\": \"fd\", \"takes\": [\"fc\"]}"));
        assertEquals(
                "Graph: node 'out' (Relu): it shares 'r', a Relu, which has no parameters to share",
                refused("{\"name\": \"r\", \"type\": \"Relu\", \"takes\": [\"x\"]},"
                        + " {\"name\": \"out\", \"shares\": \"r\", \"takes\": [\"r\"]}"));
        assertEquals(
                "node 'out', field 'settings' goes with 'type' (a node that uses a block or shares a node has the"
                        + " settings of that one)",
                refused("{\"name\": \"fc\", \"type\": \"Affine\", \"settings\": {\"out\": 4}, \"takes\": [\"x\"]},"
                        + " {\"name\": \"out\", \"shares\": \"fc\", \"settings\": {\"out\": 4}, \"takes\": [\"fc\"]}"));
        assertEquals(
                "node 'out' shares the parameters of 'fc', W (4, 3), b (3,), but its inputs [(N, 3)] would need W (3,"
                        + " 3), b (3,)",
                refused("{\"name\": \"fc\", \"type\": \"Affine\", \"settings\": {\"out\": 3}, \"takes\": [\"x\"]},"
                        + " {\"name\": \"out\", \"shares\": \"fc\", \"takes\": [\"fc\"]}"));
    }
}

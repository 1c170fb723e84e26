package org.bricknet.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/** The second half of compiling a graph: shapes, the bricks' own parameters, and their keys. */
final class WiringSetup {
    private WiringSetup() {}

    /**
     * In order, each node learns the shapes of its inputs (when the graph's inputs have them),
     * creates its parameters ({@link Brick#build}) and says, or shows by one forward of zeros, the
     * shapes of its outputs.
     */
    static void shapes(Wiring w, Random random) {
        for (Wiring.Node n : w.nodes) {
            int[][] in = new int[n.in().length][];
            boolean known = true;
            for (int i = 0; i < in.length; i++) {
                in[i] = w.portShapes.get(n.in()[i]);
                known &= in[i] != null;
            }
            try {
                n.brick().build(known ? in : null, random);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Graph: node '" + n.name() + "' (" + Wiring.type(n.brick()) + "): "
                        + e.getMessage() + (known ? "" : "; declare the shapes of the graph's inputs"));
            }
            if (!known) {
                continue;
            }
            int[][] out;
            try {
                out = n.brick().outputShapes(in);
                if (out == null) {
                    out = probe(n.brick(), in);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        Wiring.type(n.brick()) + " '" + n.name() + "' takes " + describe(w, n) + ": " + e.getMessage());
            }
            if (out.length != n.outCount()) {
                throw new IllegalStateException(Wiring.type(n.brick()) + " '" + n.name() + "' says it gives "
                        + n.outCount() + " outputs but its shapes are " + out.length);
            }
            for (int j = 0; j < out.length; j++) {
                w.portShapes.set(n.out() + j, out[j].clone());
            }
        }
    }

    /** The output shapes of one forward pass of a single example of zeros, in evaluation mode. */
    private static int[][] probe(Brick brick, int[][] in) {
        Tensor[] xs = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            xs[i] = Tensor.zeros(withBatch(1, in[i]));
        }
        brick.setTraining(false);
        try {
            Tensor[] ys = brick.forward(xs);
            int[][] out = new int[ys.length][];
            for (int j = 0; j < ys.length; j++) {
                int[] s = ys[j].shape();
                out[j] = java.util.Arrays.copyOfRange(s, 1, s.length);
            }
            return out;
        } finally {
            brick.setTraining(true);
        }
    }

    /** {@code 'a' (N, 50) and 'b' (N, 40)}. */
    private static String describe(Wiring w, Wiring.Node n) {
        StringJoiner j = new StringJoiner(", ");
        for (int p : n.in()) {
            j.add("'" + w.portNames.get(p) + "' " + batchShape(w.portShapes.get(p)));
        }
        return j.toString();
    }

    /** A shape with the batch axis in front, written {@code (N, 50)}. */
    static String batchShape(int[] example) {
        if (example == null) {
            return "(N, ?)";
        }
        StringBuilder sb = new StringBuilder("(N");
        for (int d : example) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    static int[] withBatch(int n, int[] example) {
        int[] s = new int[example.length + 1];
        s[0] = n;
        System.arraycopy(example, 0, s, 1, example.length);
        return s;
    }

    /**
     * Keys for every parameter and buffer: {@code node.local} (a nested graph's keys after
     * {@code node.}), or the node's explicit keys or key rule. A parameter value held by several
     * bricks is one parameter, under the first key; a key given twice is an error.
     */
    static void keys(Wiring w, GraphBuilder b) {
        IdentityHashMap<Tensor, List<Parameter>> holders = new IdentityHashMap<>();
        IdentityHashMap<Tensor, String> keyOf = new IdentityHashMap<>();
        java.util.Map<String, GraphBuilder.NodeDecl> declared = new java.util.HashMap<>();
        b.nodes().forEach(d -> declared.put(d.name(), d));
        for (Wiring.Node n : w.nodes) {
            GraphBuilder.NodeDecl d = declared.get(n.name());
            add(w, n.name(), n.brick(), d.keys(), d.keyRule(), holders, keyOf);
        }
        for (Wiring.Loss l : w.losses) {
            add(w, l.name(), l.loss(), List.of(), null, holders, keyOf);
        }
        holders.forEach((value, list) -> {
            if (list.size() > 1) {
                w.shared.put(value, list);
            }
        });
    }

    private static void add(
            Wiring w,
            String node,
            Brick brick,
            List<String> explicit,
            java.util.function.UnaryOperator<String> rule,
            IdentityHashMap<Tensor, List<Parameter>> holders,
            IdentityHashMap<Tensor, String> keyOf) {
        List<String> names = new ArrayList<>();
        List<Parameter> ps = new ArrayList<>();
        if (brick instanceof Graph g) {
            g.namedParameters().forEach((k, p) -> {
                names.add(node + "." + k);
                ps.add(p);
            });
        } else {
            for (Parameter p : brick.parameters()) {
                names.add(rule != null ? rule.apply(p.name()) : node + "." + p.name());
                ps.add(p);
            }
        }
        if (!explicit.isEmpty()) {
            if (explicit.size() != brick.parameters().size()) {
                throw new IllegalArgumentException("Graph: node '" + node + "' has "
                        + brick.parameters().size() + " parameters, got " + explicit.size() + " keys");
            }
            for (int i = 0; i < explicit.size(); i++) {
                names.set(i, explicit.get(i));
            }
        }
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            List<Parameter> list = holders.computeIfAbsent(p.value(), v -> new ArrayList<>());
            list.add(p);
            if (list.size() > 1) {
                continue; // a shared value: one parameter, under its first key
            }
            String key = names.get(i);
            if (w.params.containsKey(key)) {
                throw new IllegalArgumentException(
                        "Graph: parameter key '" + key + "' of node '" + node + "' is already taken");
            }
            w.params.put(key, p);
            keyOf.put(p.value(), key);
        }
        brick.buffers().forEach((local, tensor) -> {
            String key =
                    brick instanceof Graph ? node + "." + local : rule != null ? rule.apply(local) : node + "." + local;
            if (w.params.containsKey(key) || w.buffers.containsKey(key)) {
                throw new IllegalArgumentException(
                        "Graph: buffer key '" + key + "' of node '" + node + "' is already taken");
            }
            w.buffers.put(key, tensor);
        });
    }
}

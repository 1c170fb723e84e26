package org.bricknet.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A {@link GraphBuilder}'s declarations checked and compiled into what {@link Graph} runs: ports
 * (one per graph input and per brick output), the nodes in a topological order, how many times each
 * port is used, the shapes, and the keys of the parameters. Every mistake is found here, before
 * anything runs, and named.
 */
final class Wiring {
    /** A node: its brick, the ports it reads, and its first output port. */
    record Node(String name, Brick brick, int[] in, int out, int outCount) {}

    /** A loss: its brick, the port of its scores, its targets' name and its weight. */
    record Loss(String name, LossLayer loss, int scores, String target, double weight) {}

    final List<String> inputNames = new ArrayList<>();
    final List<String> portNames = new ArrayList<>();
    final List<int[]> portShapes = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> nodeByName = new HashMap<>();
    final List<Loss> losses = new ArrayList<>();
    final List<String> targets = new ArrayList<>();
    int[] outputs;
    int[] uses;
    final LinkedHashMap<String, Parameter> params = new LinkedHashMap<>();
    final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    /** For each parameter value shared by several bricks: every parameter object that holds it. */
    final IdentityHashMap<Tensor, List<Parameter>> shared = new IdentityHashMap<>();

    private Wiring() {}

    /** The node that gives {@code port}, or null when the port is one of the graph's inputs. */
    Node producer(int port) {
        for (Node n : nodes) {
            if (port >= n.out() && port < n.out() + n.outCount()) {
                return n;
            }
        }
        return null;
    }

    static Wiring compile(GraphBuilder b, Random random) {
        Wiring w = new Wiring();
        w.check(b);
        WiringSetup.shapes(w, random);
        WiringSetup.keys(w, b);
        return w;
    }

    private void check(GraphBuilder b) {
        Map<String, Integer> producers = names(b);
        b.requireDistinctBricks();
        for (GraphBuilder.InputDecl in : b.inputs()) {
            inputNames.add(in.name());
            portNames.add(in.name());
            portShapes.add(in.shape());
        }
        List<GraphBuilder.NodeDecl> ordered = order(b, producers);
        Map<String, Integer> firstPort = new HashMap<>();
        for (int i = 0; i < inputNames.size(); i++) {
            firstPort.put(inputNames.get(i), i);
        }
        for (GraphBuilder.NodeDecl d : ordered) {
            int[] in = new int[d.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = port(d.inputs().get(i), firstPort, b, "node '" + d.name() + "'");
            }
            int outCount = d.brick().outputCount();
            firstPort.put(d.name(), portNames.size());
            for (int j = 0; j < outCount; j++) {
                portNames.add(outCount == 1 ? d.name() : d.name() + ":" + j);
                portShapes.add(null);
            }
            Node node = new Node(d.name(), d.brick(), in, firstPort.get(d.name()), outCount);
            nodes.add(node);
            nodeByName.put(d.name(), node);
        }
        List<String> outRefs = b.outputs().isEmpty()
                ? b.losses().stream()
                        .map(GraphBuilder.LossDecl::scores)
                        .distinct()
                        .toList()
                : b.outputs();
        if (outRefs.isEmpty()) {
            throw new IllegalArgumentException("Graph: no outputs and no losses; name its outputs with"
                    + " output(...) or add a loss with loss(...)");
        }
        outputs = new int[outRefs.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = port(outRefs.get(i), firstPort, b, "output");
        }
        for (GraphBuilder.LossDecl l : b.losses()) {
            losses.add(new Loss(
                    l.name(),
                    l.loss(),
                    port(l.scores(), firstPort, b, "loss '" + l.name() + "'"),
                    l.target(),
                    l.weight()));
            if (!targets.contains(l.target())) {
                targets.add(l.target());
            }
        }
        countUses();
    }

    /** Every name once; no ':' in a name (it separates a node from its output number). */
    private static Map<String, Integer> names(GraphBuilder b) {
        Map<String, Integer> producers = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        b.inputs().forEach(i -> all.add(i.name()));
        b.nodes().forEach(n -> all.add(n.name()));
        b.losses().forEach(l -> all.add(l.name()));
        Set<String> seen = new LinkedHashSet<>();
        for (String name : all) {
            if (name == null || name.isBlank() || name.contains(":")) {
                throw new IllegalArgumentException("Graph: '" + name + "' is not a name; expected a non-empty name"
                        + " without ':' (node:1 names a node's second output)");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Graph: two inputs, nodes or losses are named '" + name + "'");
            }
        }
        for (int i = 0; i < b.inputs().size(); i++) {
            producers.put(b.inputs().get(i).name(), -1);
        }
        for (int i = 0; i < b.nodes().size(); i++) {
            GraphBuilder.NodeDecl n = b.nodes().get(i);
            producers.put(n.name(), i);
            int count = n.brick().inputCount();
            int got = n.inputs().size();
            if (count == Brick.ANY ? got < 1 : got != count) {
                throw new IllegalArgumentException("Graph: node '" + n.name() + "' (" + type(n.brick()) + ") takes "
                        + (count == Brick.ANY ? "one or more inputs" : count + (count == 1 ? " input" : " inputs"))
                        + ", got " + got + (got == 0 ? "" : " (" + String.join(", ", n.inputs()) + ")"));
            }
        }
        return producers;
    }

    /**
     * The nodes in declaration order where that order already has every node after what it takes,
     * else in the topological order closest to it; a reference to nothing or a cycle is named.
     */
    private static List<GraphBuilder.NodeDecl> order(GraphBuilder b, Map<String, Integer> producers) {
        List<GraphBuilder.NodeDecl> decl = b.nodes();
        for (GraphBuilder.NodeDecl n : decl) {
            for (String ref : n.inputs()) {
                requireKnown(ref, producers, b, "node '" + n.name() + "'");
            }
        }
        // Kahn's algorithm, always placing the ready node declared first: O((nodes + edges)·log nodes)
        int[] waiting = new int[decl.size()];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < decl.size(); i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < decl.size(); i++) {
            for (String ref : decl.get(i).inputs()) {
                int p = producers.get(base(ref));
                if (p >= 0) {
                    waiting[i]++;
                    consumers.get(p).add(i);
                }
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < decl.size(); i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<GraphBuilder.NodeDecl> out = new ArrayList<>();
        boolean[] placed = new boolean[decl.size()];
        while (!ready.isEmpty()) {
            int i = ready.poll();
            placed[i] = true;
            out.add(decl.get(i));
            for (int c : consumers.get(i)) {
                if (--waiting[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (out.size() < decl.size()) {
            throw new IllegalArgumentException("Graph: the nodes form a cycle: " + cycle(decl, placed));
        }
        return out;
    }

    /** One cycle among the nodes not placed, as {@code a → b → a}. */
    private static String cycle(List<GraphBuilder.NodeDecl> decl, boolean[] placed) {
        Map<String, GraphBuilder.NodeDecl> left = new LinkedHashMap<>();
        for (int i = 0; i < decl.size(); i++) {
            if (!placed[i]) {
                left.put(decl.get(i).name(), decl.get(i));
            }
        }
        List<String> path = new ArrayList<>();
        String at = left.keySet().iterator().next();
        while (!path.contains(at)) {
            path.add(at);
            at = left.get(at).inputs().stream()
                    .map(Wiring::base)
                    .filter(left::containsKey)
                    .findFirst()
                    .orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        java.util.Collections.reverse(loop);
        List<String> declared = new ArrayList<>(left.keySet());
        String first = loop.stream()
                .min(java.util.Comparator.comparingInt(declared::indexOf))
                .orElseThrow();
        java.util.Collections.rotate(loop, -loop.indexOf(first));
        loop.add(loop.get(0));
        return String.join(" → ", loop) + " (each takes the one before it)";
    }

    private static void requireKnown(String ref, Map<String, Integer> producers, GraphBuilder b, String who) {
        if (ref == null || !producers.containsKey(base(ref))) {
            throw new IllegalArgumentException("Graph: " + who + " takes '" + ref + "', which no node gives"
                    + (ref == null ? "" : Names.suggestion(base(ref), producers.keySet()))
                    + "; reachable from the inputs: " + reachable(b));
        }
    }

    /** The port a reference names: {@code name}, or {@code name:i} for output i. */
    private int port(String ref, Map<String, Integer> firstPort, GraphBuilder b, String who) {
        String name = base(ref);
        Integer first = firstPort.get(name);
        if (first == null) {
            Map<String, Integer> all = new LinkedHashMap<>();
            firstPort.keySet().forEach(k -> all.put(k, 0));
            b.nodes().forEach(n -> all.put(n.name(), 0));
            requireKnown(ref, all, b, who);
            throw new IllegalStateException("unreachable");
        }
        int count = inputNames.contains(name) ? 1 : nodeNamed(name).outCount();
        int index = 0;
        if (ref.contains(":")) {
            try {
                index = Integer.parseInt(ref.substring(ref.indexOf(':') + 1));
            } catch (NumberFormatException e) {
                index = -1;
            }
        }
        if (index < 0 || index >= count) {
            StringJoiner names = new StringJoiner(", ");
            for (int j = 0; j < count; j++) {
                names.add(count == 1 ? name : name + ":" + j);
            }
            throw new IllegalArgumentException("Graph: " + who + " takes '" + ref + "', but '" + name + "' gives "
                    + count + (count == 1 ? " output" : " outputs") + " (" + names + ")");
        }
        return first + index;
    }

    private Node nodeNamed(String name) {
        return nodeByName.get(name);
    }

    /** How many times each port is taken; a brick output nobody takes, and an input, are errors. */
    private void countUses() {
        uses = new int[portNames.size()];
        for (Node n : nodes) {
            for (int p : n.in()) {
                uses[p]++;
            }
        }
        for (int p : outputs) {
            uses[p]++;
        }
        for (Loss l : losses) {
            uses[l.scores()]++;
        }
        for (int p = 0; p < uses.length; p++) {
            if (uses[p] == 0) {
                throw new IllegalArgumentException(
                        p < inputNames.size()
                                ? "Graph: input '" + portNames.get(p) + "' is taken by no node"
                                : "Graph: '" + portNames.get(p)
                                        + "' is taken by no node, output or loss; remove the node"
                                        + " or name it an output");
            }
        }
    }

    /** The graph's inputs and every node computable from them, in declaration order. */
    private static String reachable(GraphBuilder b) {
        Set<String> done = new LinkedHashSet<>();
        b.inputs().forEach(i -> done.add(i.name()));
        boolean progress = true;
        while (progress) {
            progress = false;
            for (GraphBuilder.NodeDecl n : b.nodes()) {
                if (!done.contains(n.name()) && n.inputs().stream().allMatch(r -> done.contains(base(r)))) {
                    done.add(n.name());
                    progress = true;
                }
            }
        }
        List<String> list = new ArrayList<>(done);
        return list.size() <= 20
                ? String.join(", ", list)
                : String.join(", ", list.subList(0, 20)) + ", … (" + list.size() + " in all)";
    }

    static String base(String ref) {
        int colon = ref.indexOf(':');
        return colon < 0 ? ref : ref.substring(0, colon);
    }

    static String type(Brick brick) {
        return brick.typeName();
    }
}

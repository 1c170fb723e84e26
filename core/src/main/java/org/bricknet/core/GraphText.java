package org.bricknet.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A graph (or a network) in words: the summary table, in the manner of Keras's
 * {@code model.summary()}, and the DOT picture.
 */
final class GraphText {
    private GraphText() {}

    static String summary(Graph g, Wiring w) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < w.inputNames.size(); i++) {
            rows.add(new String[] {w.inputNames.get(i), "input", "", shape(w.portShapes.get(i)), "0"});
        }
        Map<String, String> sharer = sharers(w);
        for (Wiring.Node n : w.nodes) {
            List<String> takes = new ArrayList<>();
            for (int p : n.in()) {
                takes.add(w.portNames.get(p));
            }
            StringBuilder shapes = new StringBuilder();
            for (int j = 0; j < n.outCount(); j++) {
                shapes.append(j == 0 ? "" : " ").append(shape(w.portShapes.get(n.out() + j)));
            }
            String owner = sharer.get(n.name());
            rows.add(new String[] {
                n.name(),
                describe(n.brick()),
                String.join(", ", takes),
                shapes.toString(),
                owner == null ? count(n.brick().parameters()) : "shares " + owner
            });
        }
        for (Wiring.Loss l : w.losses) {
            rows.add(new String[] {
                l.name(),
                describe(l.loss()) + (l.weight() == 1.0 ? "" : " ×" + number(l.weight())),
                w.portNames.get(l.scores()) + ", " + l.target(),
                "scalar",
                "0"
            });
        }
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "Graph: %d input%s, %d node%s, %d output%s, %d loss%s%n",
                w.inputNames.size(),
                plural(w.inputNames.size()),
                w.nodes.size(),
                plural(w.nodes.size()),
                w.outputs.length,
                plural(w.outputs.length),
                w.losses.size(),
                w.losses.size() == 1 ? "" : "es"));
        table(sb, new String[] {"node", "brick", "takes", "output shape", "parameters"}, rows);
        totals(sb, g.parameters(), g.buffers(), w.shared.size());
        sb.append("outputs: ").append(String.join(", ", g.outputNames()));
        return fused(sb, g.fusedNodes()).toString();
    }

    /** The runs of nodes done as one layer ({@link Graph#fusedNodes()}), a line each. */
    private static StringBuilder fused(StringBuilder sb, List<List<String>> runs) {
        for (List<String> run : runs) {
            sb.append(String.format(
                    "%nruns %s as one layer (the same bits; a listener sees them apart)", String.join(" + ", run)));
        }
        return sb;
    }

    /**
     * A chain of layers with the keys of their parameters ({@code W1, b1}); the output shapes are
     * left out, since a chain's input has no declared shape.
     */
    static String chain(Map<String, Layer> layers, Map<String, List<String>> keys, LossLayer loss, Network net) {
        List<String[]> rows = new ArrayList<>();
        layers.forEach((name, layer) -> rows.add(
                new String[] {name, describe(layer), count(layer.parameters()), String.join(", ", keys.get(name))}));
        if (loss != null) {
            rows.add(new String[] {"(loss)", describe(loss), "0", ""});
        }
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "Network: %d layer%s%s%n",
                layers.size(),
                plural(layers.size()),
                loss == null ? ", no loss yet" : ", then " + describe(loss)));
        table(sb, new String[] {"layer", "brick", "parameters", "keys"}, rows);
        totals(sb, List.copyOf(net.parameters().values()), net.buffers(), 0);
        sb.append("weight decay: ").append(number(net.weightDecay()));
        return (loss == null ? sb : fused(sb, net.graph().fusedNodes())).toString();
    }

    private static void table(StringBuilder sb, String[] head, List<String[]> rows) {
        int[] width = new int[head.length];
        for (int c = 0; c < head.length; c++) {
            width[c] = head[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        line(sb, head, width);
        String[] rule = new String[head.length];
        for (int c = 0; c < head.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(sb, rule, width);
        for (String[] r : rows) {
            line(sb, r, width);
        }
        line(sb, rule, width);
    }

    /** Columns left-aligned, but the parameter counts right-aligned. */
    private static void line(StringBuilder sb, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder(" ");
        for (int c = 0; c < cells.length; c++) {
            boolean number = cells[c].matches("[0-9,]+") && !cells[c].isEmpty();
            l.append(' ');
            l.append(number ? pad(cells[c], width[c], true) : pad(cells[c], width[c], false));
            l.append(' ');
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }

    private static void totals(StringBuilder sb, List<Parameter> params, Map<String, Tensor> buffers, int shared) {
        long p = params.stream().mapToLong(x -> x.value().size()).sum();
        long b = buffers.values().stream().mapToLong(Tensor::size).sum();
        sb.append(String.format(
                Locale.ROOT,
                "total parameters: %,d in %d tensor%s%s%n",
                p,
                params.size(),
                plural(params.size()),
                shared == 0 ? "" : " (" + shared + " held by several bricks, counted once)"));
        sb.append(String.format(
                Locale.ROOT,
                "buffers, not trained: %,d values in %d tensor%s%n",
                b,
                buffers.size(),
                plural(buffers.size())));
    }

    /** For each node whose parameters all belong to an earlier node: that node. */
    private static Map<String, String> sharers(Wiring w) {
        IdentityHashMap<Tensor, String> first = new IdentityHashMap<>();
        Map<String, String> sharer = new java.util.HashMap<>();
        for (Wiring.Node n : w.nodes) {
            List<Parameter> ps = n.brick() instanceof Graph g
                    ? List.copyOf(g.namedParameters().values())
                    : n.brick().parameters();
            List<String> owners =
                    ps.stream().map(x -> first.get(x.value())).distinct().toList();
            if (!ps.isEmpty() && owners.size() == 1 && owners.get(0) != null) {
                sharer.put(n.name(), owners.get(0));
            }
            ps.forEach(x -> first.putIfAbsent(x.value(), n.name()));
        }
        return sharer;
    }

    /**
     * The graph in DOT: an ellipse per input, a box per node, an octagon per loss; a nested graph is
     * a cluster drawn with its own nodes (named {@code res1/fc1}), so that a residual's skip shows.
     */
    static String dot(Graph g, Wiring w) {
        StringBuilder sb = new StringBuilder("digraph bricknet {\n  rankdir=TB;\n");
        sb.append("  graph [fontname=\"Helvetica\"];\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        body(sb, w, "", "  ");
        for (Wiring.Loss l : w.losses) {
            sb.append("  ")
                    .append(q(l.name()))
                    .append(" [shape=octagon, label=")
                    .append(q(l.name() + "\n" + describe(l.loss())))
                    .append("];\n");
            edge(sb, w, "", l.scores(), l.name(), "  ");
        }
        for (int k = 0; k < g.outputNames().size(); k++) {
            String out = g.outputNames().get(k);
            sb.append("  ")
                    .append(q("output " + out))
                    .append(" [shape=plaintext, label=")
                    .append(q(out))
                    .append("];\n");
            sb.append("  ")
                    .append(q(source(w, "", w.outputs[k])))
                    .append(" -> ")
                    .append(q("output " + out))
                    .append(";\n");
        }
        return sb.append("}\n").toString();
    }

    /** The inputs and nodes of {@code w}, their names prefixed by {@code prefix}, nested graphs as clusters. */
    private static void body(StringBuilder sb, Wiring w, String prefix, String indent) {
        for (int i = 0; i < w.inputNames.size(); i++) {
            sb.append(indent)
                    .append(q(prefix + w.inputNames.get(i)))
                    .append(" [shape=ellipse, label=")
                    .append(q(w.inputNames.get(i) + "\n" + shape(w.portShapes.get(i))))
                    .append("];\n");
        }
        Map<String, String> sharer = sharers(w);
        for (Wiring.Node n : w.nodes) {
            String id = prefix + n.name();
            String owner = sharer.get(n.name());
            if (n.brick() instanceof Graph sub) {
                sb.append(indent).append("subgraph ").append(q("cluster_" + id)).append(" {\n");
                sb.append(indent)
                        .append("  label=")
                        .append(q(n.name() + ": " + describe(sub)
                                + (owner != null ? ", shares " + prefix + owner : parameters(sub.parameters()))))
                        .append(";\n")
                        .append(indent)
                        .append("  style=\"rounded,dashed\";\n");
                body(sb, sub.wiring(), id + "/", indent + "  ");
                sb.append(indent).append("}\n");
                for (int i = 0; i < n.in().length; i++) {
                    edge(
                            sb,
                            w,
                            prefix,
                            n.in()[i],
                            id + "/" + sub.wiring().inputNames.get(i),
                            indent);
                }
                continue;
            }
            sb.append(indent)
                    .append(q(id))
                    .append(" [label=")
                    .append(q(n.name() + "\n" + describe(n.brick()) + "\n" + shape(w.portShapes.get(n.out()))
                            + (owner != null
                                    ? "\nshares " + owner
                                    : parameters(n.brick().parameters()))))
                    .append("];\n");
            for (int p : n.in()) {
                edge(sb, w, prefix, p, id, indent);
            }
            if (owner != null) {
                sb.append(indent)
                        .append(q(id))
                        .append(" -> ")
                        .append(q(prefix + owner))
                        .append(" [style=dashed, arrowhead=none, constraint=false, label=\"shares\"];\n");
            }
        }
    }

    /** {@code "\n15 parameters"}, or nothing for none. */
    private static String parameters(List<Parameter> ps) {
        String n = count(ps);
        return "0".equals(n) ? "" : "\n" + n + " parameters";
    }

    private static void edge(StringBuilder sb, Wiring w, String prefix, int port, String to, String indent) {
        String from = w.portNames.get(port);
        sb.append(indent).append(q(source(w, prefix, port))).append(" -> ").append(q(to));
        Wiring.Node n = w.producer(port);
        if (from.contains(":") && (n == null || !(n.brick() instanceof Graph))) {
            sb.append(" [label=").append(q(from.substring(from.indexOf(':')))).append("]");
        }
        sb.append(";\n");
    }

    /** The DOT node that gives {@code port}: an input or a node, or inside a nested graph the node giving its output. */
    private static String source(Wiring w, String prefix, int port) {
        Wiring.Node n = w.producer(port);
        if (n == null) {
            return prefix + w.portNames.get(port);
        }
        if (n.brick() instanceof Graph sub) {
            Wiring inner = sub.wiring();
            return source(inner, prefix + n.name() + "/", inner.outputs[port - n.out()]);
        }
        return prefix + n.name();
    }

    /**
     * What a brick is, on one line: its own {@code toString()} when its class writes one
     * ({@code Affine(784 → 50)}), {@code graph of 5 nodes} for a nested graph, else its type.
     */
    static String describe(Brick b) {
        if (b instanceof Graph g) {
            return "graph of " + g.nodes().size() + " node" + plural(g.nodes().size());
        }
        try {
            if (b.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                String s = b.toString();
                if (s != null && !s.isBlank() && s.indexOf('\n') < 0) {
                    return s;
                }
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("every class has toString", e);
        }
        return b.typeName();
    }

    private static String count(List<Parameter> ps) {
        long n = ps.stream().mapToLong(p -> p.value().size()).sum();
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String shape(int[] example) {
        return example == null ? "(N, ?)" : WiringSetup.batchShape(example);
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A DOT string literal. */
    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

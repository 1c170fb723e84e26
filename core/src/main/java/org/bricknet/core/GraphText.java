package org.bricknet.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A graph in words: the summary table and the DOT picture. */
final class GraphText {
    private GraphText() {}

    static String summary(Graph g, Wiring w) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"node", "brick", "takes", "output shape", "parameters"});
        for (int i = 0; i < w.inputNames.size(); i++) {
            rows.add(new String[] {w.inputNames.get(i), "input", "", shape(w.portShapes.get(i)), "0"});
        }
        for (Wiring.Node n : w.nodes) {
            List<String> takes = new ArrayList<>();
            for (int p : n.in()) {
                takes.add(w.portNames.get(p));
            }
            StringBuilder shapes = new StringBuilder();
            for (int j = 0; j < n.outCount(); j++) {
                shapes.append(j == 0 ? "" : " ").append(shape(w.portShapes.get(n.out() + j)));
            }
            rows.add(new String[] {
                n.name(), Wiring.type(n.brick()), String.join(", ", takes), shapes.toString(), count(n.brick())
            });
        }
        for (Wiring.Loss l : w.losses) {
            rows.add(new String[] {
                l.name(),
                Wiring.type(l.loss()) + (l.weight() == 1.0 ? "" : " ×" + fmt(l.weight())),
                w.portNames.get(l.scores()) + ", " + l.target(),
                "scalar",
                "0"
            });
        }
        int[] width = new int[5];
        for (String[] r : rows) {
            for (int c = 0; c < 5; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
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
        for (String[] r : rows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %-" + width[3] + "s  %" + width[4]
                            + "s%n",
                    (Object[]) r));
        }
        long params = g.parameters().stream().mapToLong(p -> p.value().size()).sum();
        long buffers = g.buffers().values().stream().mapToLong(Tensor::size).sum();
        sb.append(String.format(
                Locale.ROOT,
                "parameters: %,d in %d tensors%s; buffers: %,d values; outputs: %s",
                params,
                g.parameters().size(),
                w.shared.isEmpty() ? "" : " (" + w.shared.size() + " shared by several bricks, counted once)",
                buffers,
                String.join(", ", g.outputNames())));
        return sb.toString();
    }

    static String dot(Graph g, Wiring w) {
        StringBuilder sb = new StringBuilder("digraph bricknet {\n  rankdir=TB;\n");
        sb.append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        for (int i = 0; i < w.inputNames.size(); i++) {
            sb.append("  ")
                    .append(q(w.inputNames.get(i)))
                    .append(" [shape=ellipse, label=")
                    .append(q(w.inputNames.get(i) + "\n" + shape(w.portShapes.get(i))))
                    .append("];\n");
        }
        for (Wiring.Node n : w.nodes) {
            String params = count(n.brick());
            sb.append("  ")
                    .append(q(n.name()))
                    .append(" [label=")
                    .append(q(n.name() + "\n" + Wiring.type(n.brick()) + "\n" + shape(w.portShapes.get(n.out()))
                            + ("0".equals(params) ? "" : "\n" + params + " parameters")))
                    .append("];\n");
            for (int p : n.in()) {
                edge(sb, w, p, n.name());
            }
        }
        for (Wiring.Loss l : w.losses) {
            sb.append("  ")
                    .append(q(l.name()))
                    .append(" [shape=octagon, label=")
                    .append(q(l.name() + "\n" + Wiring.type(l.loss())))
                    .append("];\n");
            edge(sb, w, l.scores(), l.name());
        }
        for (String out : g.outputNames()) {
            sb.append("  ")
                    .append(q("output " + out))
                    .append(" [shape=plaintext, label=")
                    .append(q(out))
                    .append("];\n");
            sb.append("  ")
                    .append(q(Wiring.base(out)))
                    .append(" -> ")
                    .append(q("output " + out))
                    .append(";\n");
        }
        return sb.append("}\n").toString();
    }

    private static void edge(StringBuilder sb, Wiring w, int port, String to) {
        String from = w.portNames.get(port);
        sb.append("  ").append(q(Wiring.base(from))).append(" -> ").append(q(to));
        if (from.contains(":")) {
            sb.append(" [label=").append(q(from.substring(from.indexOf(':')))).append("]");
        }
        sb.append(";\n");
    }

    private static String count(Brick b) {
        long n = b.parameters().stream().mapToLong(p -> p.value().size()).sum();
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String shape(int[] example) {
        return example == null ? "(N, ?)" : WiringSetup.batchShape(example);
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A DOT string literal. */
    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}

package org.bricknet.core.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bricknet.core.Graph;
import org.bricknet.core.GraphBuilder;
import org.bricknet.core.LossLayer;
import org.bricknet.core.io.Architecture.Block;
import org.bricknet.core.io.Architecture.Input;
import org.bricknet.core.io.Architecture.Loss;
import org.bricknet.core.io.Architecture.Node;

/**
 * An architecture worked out without building it: the {@link GraphBuilder} checks the wiring of a
 * graph of stand-ins ({@link Planned}), one per node, which learn their input shapes, say their
 * output shapes, and count the values their parameters and buffers will hold, so that nothing is
 * allocated before every shape and limit is known. One plan per graph: the top one, and one for each
 * use of a block.
 */
final class ArchitecturePlan {
    /** A node as planned: its input and output shapes, and its plan when it is a block (or shares one). */
    record Step(
            Node node,
            int[][] inputShapes,
            int[][] outputShapes,
            Map<String, int[]> parameters,
            Map<String, int[]> buffers,
            ArchitecturePlan inner) {}

    /** The values planned so far, against {@link Architecture#MAX_STATE_VALUES}. */
    static final class Budget {
        private long values;

        void charge(Map<String, int[]> shapes) {
            for (int[] s : shapes.values()) {
                long n = 1;
                for (int d : s) {
                    n *= d;
                    if (n > Architecture.MAX_STATE_VALUES) {
                        break;
                    }
                }
                values += n;
                if (values > Architecture.MAX_STATE_VALUES) {
                    throw new IllegalArgumentException("the parameters and buffers would hold more than "
                            + Architecture.MAX_STATE_VALUES + " values (the limit)");
                }
            }
        }
    }

    final Architecture architecture;
    final Block block;
    final int[][] inputShapes;
    final List<Loss> losses;
    final List<Step> steps = new ArrayList<>();
    final int[][] outputShapes;

    private ArchitecturePlan(
            Architecture a, Block block, List<Loss> losses, int[][] inputShapes, Budget budget, boolean shared) {
        this.architecture = a;
        this.block = block;
        this.losses = losses;
        this.inputShapes = inputShapes;
        GraphBuilder b = Graph.builder();
        for (int i = 0; i < inputShapes.length; i++) {
            b.input(block.inputs().get(i).name(), inputShapes[i]);
        }
        Map<String, Planned> planned = new LinkedHashMap<>();
        for (Node n : block.nodes()) {
            Node root = n.shares() == null ? n : node(block, n.shares());
            Planned p = new Planned(this, n, root, budget, shared || n.shares() != null);
            planned.put(n.name(), p);
            b.node(n.name(), p, n.takes().toArray(new String[0]));
        }
        b.output(block.outputs().toArray(new String[0]));
        for (Loss l : losses) {
            b.loss(l.name(), (LossLayer) l.type().create(l.settings()), l.scores(), l.target(), l.weight());
        }
        Graph dry = b.build(new Random(0));
        for (Map.Entry<String, org.bricknet.core.Brick> e : dry.nodes().entrySet()) {
            Planned p = planned.get(e.getKey());
            int[][] out = new int[e.getValue().outputCount()][];
            for (int j = 0; j < out.length; j++) {
                out[j] = dry.exampleShape(out.length == 1 ? e.getKey() : e.getKey() + ":" + j);
            }
            steps.add(new Step(p.node, p.inputShapes, out, p.parameters, p.buffers, p.inner));
        }
        for (Step s : steps) {
            if (s.node().shares() != null) {
                String mine = parameterText(s);
                String theirs = parameterText(step(s.node().shares()));
                if (!mine.equals(theirs)) {
                    throw new IllegalArgumentException("node '" + s.node().name() + "' shares the parameters of '"
                            + s.node().shares() + "', " + theirs + ", but its inputs " + batches(s.inputShapes())
                            + " would need " + mine);
                }
            }
        }
        List<String> outs = dry.outputNames();
        this.outputShapes = new int[outs.size()][];
        for (int i = 0; i < outputShapes.length; i++) {
            outputShapes[i] = dry.exampleShape(outs.get(i));
        }
    }

    /** The plan of a whole architecture, its inputs' shapes as the file declares them. */
    static ArchitecturePlan of(Architecture a) {
        int[][] in = a.graph.inputs().stream().map(Input::shape).toArray(int[][]::new);
        return new ArchitecturePlan(a, a.graph, a.losses, in, new Budget(), false);
    }

    /** The plan of one use of a block, given the shapes it is given; {@code shared} when it shares another's. */
    static ArchitecturePlan ofBlock(Architecture a, Block block, int[][] inputShapes, Budget budget, boolean shared) {
        for (int i = 0; i < inputShapes.length; i++) {
            int[] declared = block.inputs().get(i).shape();
            if (declared != null && !java.util.Arrays.equals(declared, inputShapes[i])) {
                throw new IllegalArgumentException("block '" + block.name() + "', input '"
                        + block.inputs().get(i).name() + "' is declared " + batch(declared) + ", it is given "
                        + batch(inputShapes[i]));
            }
        }
        return new ArchitecturePlan(a, block, List.of(), inputShapes, budget, shared);
    }

    static Node node(Block b, String name) {
        return b.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    Step step(String name) {
        return steps.stream()
                .filter(s -> s.node().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The keys and shapes of {@link Graph#state()} of a graph built from this plan: parameters in
     * the order the nodes run, a shared one under the first node that holds it, then buffers.
     */
    Map<String, int[]> stateShapes() {
        Map<String, int[]> params = new LinkedHashMap<>();
        Map<String, int[]> buffers = new LinkedHashMap<>();
        collect(this, "", "", new HashSet<>(), params, buffers);
        params.putAll(buffers);
        return params;
    }

    /**
     * Walks the nodes in running order: {@code key} is where this graph's keys start
     * ({@code res1.}); {@code group} names the parameters it holds by the node that owns them, so
     * that a node sharing them adds no key of its own.
     */
    private static void collect(
            ArchitecturePlan p,
            String key,
            String group,
            Set<String> seen,
            Map<String, int[]> params,
            Map<String, int[]> buffers) {
        for (Step s : p.steps) {
            Node n = s.node();
            String k = key + n.name() + ".";
            String g = group + (n.shares() == null ? n.name() : n.shares()) + ".";
            if (s.inner() != null) {
                collect(s.inner(), k, g, seen, params, buffers);
                continue;
            }
            s.parameters().forEach((local, shape) -> {
                if (seen.add(g + local)) {
                    params.put(k + local, shape);
                }
            });
            s.buffers().forEach((local, shape) -> buffers.put(k + local, shape));
        }
    }

    /**
     * The values of one example at every node output of this plan, those inside blocks included:
     * what a forward pass holds per example at the least, before the bricks' own caches.
     */
    long nodeOutputValues() {
        long sum = 0;
        for (Step s : steps) {
            if (s.inner() != null) {
                sum += s.inner().nodeOutputValues();
                continue;
            }
            for (int[] shape : s.outputShapes()) {
                long n = 1;
                for (int d : shape) {
                    n *= d;
                }
                sum += n;
            }
        }
        return sum;
    }

    /** {@code W (4, 3), b (3,)}: the parameters a step holds, with those of its block's nodes. */
    private static String parameterText(Step s) {
        StringBuilder sb = new StringBuilder();
        if (s.inner() != null) {
            for (Step t : s.inner().steps) {
                String inner = parameterText(t);
                if (!inner.isEmpty() && t.node().shares() == null) {
                    sb.append(sb.length() == 0 ? "" : ", ")
                            .append(t.node().name())
                            .append(": ")
                            .append(inner);
                }
            }
        } else {
            s.parameters()
                    .forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                            .append(k)
                            .append(' ')
                            .append(org.bricknet.core.Tensor.shapeString(v)));
        }
        return sb.toString();
    }

    private static String batches(int[][] examples) {
        return java.util.Arrays.stream(examples)
                .map(ArchitecturePlan::batch)
                .toList()
                .toString();
    }

    static String batch(int[] example) {
        StringBuilder sb = new StringBuilder("(N");
        for (int d : example) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }
}

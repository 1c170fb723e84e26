package org.bricknet.core.io;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.GraphBuilder;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.Architecture.Loss;
import org.bricknet.core.io.Architecture.Node;
import org.bricknet.core.io.ArchitecturePlan.Step;

/**
 * A planned architecture made real: each node's brick is made and built for its planned input
 * shapes in the order the nodes run (so weights are drawn in the order {@link GraphBuilder#build}
 * draws them), a block becomes a graph of its own, a node that shares another is made over that
 * one's parameters, and the graph is assembled from the built bricks.
 */
final class ArchitectureBuild {
    private ArchitectureBuild() {}

    static Graph build(ArchitecturePlan plan, Random random) {
        Graph g = instance(plan, random, null);
        g.reseed(random.nextLong());
        verify(g, plan.stateShapes());
        return g;
    }

    /** One graph of {@code plan}; with a {@code source}, each node is made over the parameters of the source's node of that name. */
    private static Graph instance(ArchitecturePlan plan, Random random, Graph source) {
        Map<String, Brick> made = new HashMap<>();
        for (Step s : plan.steps) {
            make(plan, s, made, random, source);
        }
        GraphBuilder b = Graph.builder();
        for (int i = 0; i < plan.inputShapes.length; i++) {
            b.input(plan.block.inputs().get(i).name(), plan.inputShapes[i]);
        }
        for (Node n : plan.block.nodes()) {
            b.node(n.name(), made.get(n.name()), n.takes().toArray(new String[0]));
        }
        b.output(plan.block.outputs().toArray(new String[0]));
        for (Loss l : plan.losses) {
            b.loss(l.name(), (LossLayer) l.type().create(l.settings()), l.scores(), l.target(), l.weight());
        }
        return b.build(random);
    }

    private static Brick make(ArchitecturePlan plan, Step s, Map<String, Brick> made, Random random, Graph source) {
        Node n = s.node();
        Brick b = made.get(n.name());
        if (b != null) {
            return b;
        }
        Node root = n.shares() == null ? n : ArchitecturePlan.node(plan.block, n.shares());
        if (source != null) {
            Brick from = source.nodes().get(n.name());
            if (s.inner() != null) {
                b = instance(s.inner(), random, (Graph) from);
            } else {
                b = from.parameters().isEmpty()
                        ? root.type().create(root.settings())
                        : root.type().share(root.settings(), from);
            }
        } else if (n.shares() != null) {
            Brick from = make(plan, plan.step(n.shares()), made, random, null);
            b = s.inner() != null
                    ? instance(s.inner(), random, (Graph) from)
                    : root.type().share(root.settings(), from);
        } else {
            b = s.inner() != null ? instance(s.inner(), random, null) : n.type().create(n.settings());
        }
        if (s.inner() == null) {
            b.build(s.inputShapes(), random);
        }
        made.put(n.name(), b);
        return b;
    }

    /** The graph holds what the plan said, tensor for tensor; else a brick type declared its shapes wrongly. */
    private static void verify(Graph g, Map<String, int[]> planned) {
        Map<String, Tensor> state = g.state();
        boolean same = state.keySet().equals(planned.keySet())
                && state.entrySet().stream()
                        .allMatch(e -> Arrays.equals(e.getValue().shape(), planned.get(e.getKey())));
        if (!same) {
            Map<String, String> held = new java.util.LinkedHashMap<>();
            state.forEach((k, t) -> held.put(k, t.shapeString()));
            Map<String, String> said = new java.util.LinkedHashMap<>();
            planned.forEach((k, s) -> said.put(k, Tensor.shapeString(s)));
            throw new IllegalStateException("the graph holds " + held + " but its brick types declared " + said
                    + "; a BrickType's parameters(...) or buffers(...) is wrong");
        }
    }
}

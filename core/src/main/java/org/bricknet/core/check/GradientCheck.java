package org.bricknet.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.Layer;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.Checker.Checked;

/**
 * Compares backprop gradients with central differences ({@link org.bricknet.core.NumericalGradient}) and says where
 * they differ: a brick, a loss layer, a whole {@link Network} or a {@link Graph} node by node, in one of three
 * {@linkplain CheckMode modes} (every element, a subset, random directions), judged by a
 * {@link Tolerance} (pass rule, measured defaults and the kink rule are documented there). The
 * result is a {@link GradientReport}: one row for the input and one per parameter; the
 * {@code assert…} methods throw an {@link AssertionError} whose message is that table.
 *
 * <p>For a brick, the scalar checked is {@code f(x) = Σ forward(x) ⊙ R} with a fixed random
 * {@code R} (one per output) drawn from the seed, so that {@code backward(R)} is exactly its gradient.
 *
 * <p>Randomness: a layer that declares {@link Layer#isStochastic()}, alone or anywhere in a
 * network, is run forward once fresh, then its draw is held ({@link Layer#holdRandomDraw}) for
 * every evaluation of the check and released afterwards.
 */
public final class GradientCheck {
    public static final double DEFAULT_RTOL = Tolerance.DEFAULT_RTOL;
    public static final double DEFAULT_ATOL = Tolerance.DEFAULT_ATOL;

    private GradientCheck() {}

    /** Compares two gradient maps key by key with the default tolerances. */
    public static GradientReport compare(Map<String, Tensor> analytic, Map<String, Tensor> numerical) {
        return compare(analytic, numerical, DEFAULT_RTOL, DEFAULT_ATOL);
    }

    /** Compares two gradient maps key by key (no kink test: only the values are known). */
    public static GradientReport compare(
            Map<String, Tensor> analytic, Map<String, Tensor> numerical, double rtol, double atol) {
        return Checker.compare(analytic, numerical, Tolerance.of(rtol, atol));
    }

    /** Checks a layer at {@code x}, every element, default tolerances; {@code seed} draws R. */
    public static GradientReport layer(Layer layer, Tensor x, long seed) {
        return layer(layer, x, seed, CheckMode.full(), Tolerance.DEFAULT);
    }

    public static GradientReport layer(Layer layer, Tensor x, long seed, double rtol, double atol) {
        return layer(layer, x, seed, CheckMode.full(), Tolerance.of(rtol, atol));
    }

    /** Checks dL/dx and dL/dP of a layer for every parameter P; rows {@code input}, then by parameter name. */
    public static GradientReport layer(Layer layer, Tensor x, long seed, CheckMode mode, Tolerance tol) {
        return brick(layer, new Tensor[] {x}, List.of("input"), seed, mode, tol);
    }

    /**
     * Checks a brick of one or more inputs: rows {@code input 0}, {@code input 1}, … (or
     * {@code input} for one), then by parameter name; {@code seed} draws a weight for each output.
     */
    public static GradientReport brick(Brick brick, Tensor[] inputs, long seed, CheckMode mode, Tolerance tol) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            names.add(inputs.length == 1 ? "input" : "input " + i);
        }
        return brick(brick, inputs, names, seed, mode, tol);
    }

    private static GradientReport brick(
            Brick brick, Tensor[] inputs, List<String> names, long seed, CheckMode mode, Tolerance tol) {
        brick.setInputGradientNeeded(true);
        Tensor[] probe = brick.forward(inputs);
        RandomDraws held = RandomDraws.hold(List.of(brick));
        try {
            Random random = new Random(seed);
            Tensor[] r = new Tensor[probe.length];
            for (int j = 0; j < r.length; j++) {
                r[j] = Tensor.randn(random, 1.0, probe[j].shape());
            }
            BrickCheck.Prepared p = BrickCheck.prepare(brick, inputs, r, "", names);
            GradientReport report = Checker.run(p.f(), p.checked(), mode, tol);
            return brick instanceof Layer layer && inputs.length == 1
                    ? LayerDerivatives.explain(report, layer, inputs[0])
                    : report;
        } finally {
            held.close();
        }
    }

    /**
     * Checks a graph on one batch: first the loss's gradient with respect to every input
     * ({@code input x}) and parameter (by key), as the graph computes it; then every node on its
     * own at the inputs it saw, weighted by the gradient it received (rows {@code [node] input},
     * {@code [node] W}), so that a wrong backward is named by its node.
     */
    public static GradientReport graph(
            Graph graph, Map<String, Tensor> inputs, Map<String, Tensor> targets, CheckMode mode, Tolerance tol) {
        return GraphCheck.run(graph, inputs, targets, mode, tol);
    }

    /** {@link #graph(Graph, Map, Map, CheckMode, Tolerance)} of a graph of one input and one target name. */
    public static GradientReport graph(Graph graph, Tensor x, Tensor t, CheckMode mode, Tolerance tol) {
        return graph(
                graph,
                Map.of(graph.inputNames().get(0), x),
                Map.of(graph.targetNames().get(0), t),
                mode,
                tol);
    }

    /** Checks a loss layer's dL/dscores at {@code scores} against {@code targets}. */
    public static GradientReport loss(LossLayer loss, Tensor scores, Tensor targets) {
        return loss(loss, scores, targets, CheckMode.full(), Tolerance.DEFAULT);
    }

    /** Checks a loss layer's dL/dscores; one row, {@code scores}. */
    public static GradientReport loss(LossLayer loss, Tensor scores, Tensor targets, CheckMode mode, Tolerance tol) {
        loss.loss(scores, targets);
        RandomDraws held = RandomDraws.hold(List.of(loss));
        try {
            loss.loss(scores, targets);
            Checked s = new Checked("scores", scores, loss.backward().copy());
            return Checker.run(() -> loss.loss(scores, targets), List.of(s), mode, tol);
        } finally {
            held.close();
        }
    }

    /** Checks a network on one batch, every element, default tolerances. */
    public static GradientReport network(Network net, Tensor x, Tensor targets) {
        return network(net, x, targets, CheckMode.full(), Tolerance.DEFAULT);
    }

    /**
     * Checks the gradient of {@link Network#loss} (weight decay included) with respect to the
     * input ({@code input} row) and every parameter (rows keyed as {@link Network#parameters()}).
     */
    public static GradientReport network(Network net, Tensor x, Tensor targets, CheckMode mode, Tolerance tol) {
        net.loss(x, targets);
        RandomDraws held = RandomDraws.hold(net.bricks());
        try {
            Tensor dx = net.inputGradient(x, targets);
            List<Checked> checked = new ArrayList<>();
            checked.add(new Checked("input", x, dx.copy()));
            net.parameters()
                    .forEach((k, p) ->
                            checked.add(new Checked(k, p.value(), p.grad().copy())));
            return Checker.run(() -> net.loss(x, targets), checked, mode, tol);
        } finally {
            held.close();
        }
    }

    /** Fails with the report as its message unless the layer's gradients pass (every element). */
    public static void assertLayer(Layer layer, Tensor x, long seed) {
        assertPassed(layer(layer, x, seed), name(layer));
    }

    public static void assertLayer(Layer layer, Tensor x, long seed, CheckMode mode, Tolerance tol) {
        assertPassed(layer(layer, x, seed, mode, tol), name(layer));
    }

    /** Fails with the report as its message unless the loss layer's gradient passes. */
    public static void assertLoss(LossLayer loss, Tensor scores, Tensor targets) {
        assertPassed(loss(loss, scores, targets), name(loss));
    }

    public static void assertLoss(LossLayer loss, Tensor scores, Tensor targets, CheckMode mode, Tolerance tol) {
        assertPassed(loss(loss, scores, targets, mode, tol), name(loss));
    }

    /** Fails with the report as its message unless the network's gradients pass. */
    public static void assertNetwork(Network net, Tensor x, Tensor targets) {
        assertPassed(network(net, x, targets), "network");
    }

    public static void assertNetwork(Network net, Tensor x, Tensor targets, CheckMode mode, Tolerance tol) {
        assertPassed(network(net, x, targets, mode, tol), "network");
    }

    /** Throws an {@link AssertionError} carrying the report's table unless it passed. */
    public static void assertPassed(GradientReport report, String what) {
        if (!report.passed()) {
            throw new AssertionError("gradient check of " + what + " failed\n" + report);
        }
    }

    private static String name(Brick brick) {
        return brick.getClass().getSimpleName();
    }
}

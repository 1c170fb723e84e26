package org.bricknet.core.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.bricknet.core.Layer;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.Checker.Checked;

/**
 * Compares backprop gradients with central differences ({@link org.bricknet.core.NumericalGradient}) and says where
 * they differ: a layer, a loss layer or a whole {@link Network}, in one of three
 * {@linkplain CheckMode modes} (every element, a subset, random directions), judged by a
 * {@link Tolerance} (pass rule, measured defaults and the kink rule are documented there). The
 * result is a {@link GradientReport}: one row for the input and one per parameter; the
 * {@code assert…} methods throw an {@link AssertionError} whose message is that table.
 *
 * <p>For a layer, the scalar checked is {@code f(x) = Σ forward(x) ⊙ R} with a fixed random
 * {@code R} drawn from the seed, so that {@code backward(R)} is exactly its gradient.
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
        layer.setInputGradientNeeded(true);
        Tensor probe = layer.forward(x);
        RandomDraws held = RandomDraws.hold(List.of(layer));
        try {
            Tensor r = Tensor.randn(new Random(seed), 1.0, probe.shape());
            DoubleSupplier f = () -> dot(layer.forward(x), r);
            layer.forward(x);
            Tensor dx = layer.backward(r.copy());
            if (dx == null) {
                throw new IllegalStateException(name(layer) + ": backward returned null although the input"
                        + " gradient was asked for (setInputGradientNeeded(true))");
            }
            List<Checked> checked = new ArrayList<>();
            checked.add(new Checked("input", x, dx.copy()));
            for (Parameter p : layer.parameters()) {
                checked.add(new Checked(p.name(), p.value(), p.grad().copy()));
            }
            return LayerDerivatives.explain(Checker.run(f, checked, mode, tol), layer, x);
        } finally {
            held.close();
        }
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
        List<Layer> all = new ArrayList<>(net.layers().values());
        all.add(net.lossLayer());
        RandomDraws held = RandomDraws.hold(all);
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

    private static String name(Layer layer) {
        return layer.getClass().getSimpleName();
    }

    private static double dot(Tensor a, Tensor b) {
        double[] x = a.data();
        double[] y = b.data();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}

package org.bricknet.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Compares backprop gradients with {@link NumericalGradient} and says where they differ.
 *
 * <p>Pass rule: an element passes when its relative error {@code |a − n| / max(|a|, |n|)} is at
 * most {@code rtol}, or its absolute error {@code |a − n|} is at most {@code atol}. The absolute
 * floor exists because a central difference carries an absolute rounding error of about
 * {@code ε·|f|/h ≈ 2e-11·|f|} (see {@link NumericalGradient}): for a gradient element smaller than
 * about {@code 1e-4} that noise alone is a relative error above {@code 1e-6}, and says nothing about
 * the analytic gradient. Defaults: {@code rtol = 1e-6}, {@code atol = 1e-9}; measured on this
 * project's layers, correct gradients show relative errors of 1e-8 or less on elements that are
 * not tiny, and absolute errors of 1e-10 or less, while a wrong gradient is off by whole percents.
 *
 * <p>For a layer, the scalar checked is {@code f(x) = Σ forward(x) ⊙ R} with a fixed random
 * {@code R} (drawn from the seed), so that backward({@code R}) is its exact gradient.
 */
public final class GradientCheck {
    public static final double DEFAULT_RTOL = 1e-6;
    public static final double DEFAULT_ATOL = 1e-9;

    private GradientCheck() {
    }

    /** One compared tensor: its size and its worst element. */
    public record Row(String name, int[] shape, int checked, double maxAbsError, double maxRelError,
            int[] worstIndex, double worstAnalytic, double worstNumerical, int failures) {
        public boolean passed() {
            return failures == 0;
        }
    }

    /** The rows of one check, with the tolerances they were judged by. */
    public record Report(List<Row> rows, double rtol, double atol) {
        public boolean passed() {
            return rows.stream().allMatch(Row::passed);
        }

        /** The largest relative error over every row. */
        public double maxRelError() {
            return rows.stream().mapToDouble(Row::maxRelError).max().orElse(0);
        }

        /** The largest absolute error over every row. */
        public double maxAbsError() {
            return rows.stream().mapToDouble(Row::maxAbsError).max().orElse(0);
        }

        public Row row(String name) {
            return rows.stream().filter(r -> r.name.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no row named " + name));
        }

        /** An aligned table, one row per tensor. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("gradient check (pass: rel <= %.1e or abs <= %.1e)%n", rtol, atol));
            sb.append(String.format("%-12s %-14s %8s %6s %11s %11s  %-14s %15s %15s%n", "tensor", "shape",
                    "checked", "failed", "max abs", "max rel", "worst at", "analytic", "numerical"));
            for (Row r : rows) {
                sb.append(String.format("%-12s %-14s %8d %6d %11.3e %11.3e  %-14s %15.8e %15.8e%n",
                        r.name, Tensor.shapeString(r.shape), r.checked, r.failures, r.maxAbsError,
                        r.maxRelError, Tensor.shapeString(r.worstIndex), r.worstAnalytic, r.worstNumerical));
            }
            sb.append(passed() ? "PASSED" : "FAILED");
            return sb.toString();
        }
    }

    /** Compares two gradient maps key by key with the default tolerances. */
    public static Report compare(Map<String, Tensor> analytic, Map<String, Tensor> numerical) {
        return compare(analytic, numerical, DEFAULT_RTOL, DEFAULT_ATOL);
    }

    /** Compares two gradient maps key by key; the keys and shapes must agree. */
    public static Report compare(Map<String, Tensor> analytic, Map<String, Tensor> numerical,
            double rtol, double atol) {
        if (!analytic.keySet().equals(numerical.keySet())) {
            throw new IllegalArgumentException("GradientCheck: analytic keys " + analytic.keySet()
                    + " differ from numerical keys " + numerical.keySet());
        }
        List<Row> rows = new ArrayList<>();
        analytic.forEach((k, a) -> rows.add(row(k, a, numerical.get(k), rtol, atol)));
        return new Report(List.copyOf(rows), rtol, atol);
    }

    /**
     * One row: the element-wise comparison of {@code a} (analytic) and {@code n} (numerical). An
     * element's badness is {@code min(rel / rtol, abs / atol)}: it fails when that exceeds 1, and
     * the worst element is the one with the largest. The row's maximum relative error is taken
     * over the elements whose absolute error exceeds {@code atol} (below it, it measures noise).
     */
    public static Row row(String name, Tensor a, Tensor n, double rtol, double atol) {
        Shapes.requireSame("GradientCheck", "numerical gradient for " + name, a, n);
        double[] ad = a.data();
        double[] nd = n.data();
        double maxAbs = 0;
        double maxRel = 0;
        double worstBadness = -1;
        int worst = 0;
        int failures = 0;
        for (int i = 0; i < ad.length; i++) {
            double abs = Math.abs(ad[i] - nd[i]);
            double rel = abs == 0 ? 0 : abs / Math.max(Math.abs(ad[i]), Math.abs(nd[i]));
            if (Double.isNaN(abs)) {
                abs = Double.POSITIVE_INFINITY;
                rel = Double.POSITIVE_INFINITY;
            }
            double badness = Math.min(rel / rtol, abs / atol);
            if (badness > 1) {
                failures++;
            }
            if (badness > worstBadness) {
                worstBadness = badness;
                worst = i;
            }
            maxAbs = Math.max(maxAbs, abs);
            if (abs > atol) {
                maxRel = Math.max(maxRel, rel);
            }
        }
        return new Row(name, a.shape(), ad.length, maxAbs, maxRel, a.multiIndex(worst), ad[worst],
                nd[worst], failures);
    }

    /**
     * Checks a layer at input {@code x}: dL/dx and dL/dP for every parameter P, with
     * {@code L = Σ forward(x) ⊙ R} and {@code R} drawn from {@code seed}. Rows are named
     * {@code input} and by parameter name.
     */
    public static Report layer(Layer layer, Tensor x, long seed) {
        return layer(layer, x, seed, DEFAULT_RTOL, DEFAULT_ATOL);
    }

    public static Report layer(Layer layer, Tensor x, long seed, double rtol, double atol) {
        layer.setInputGradientNeeded(true);
        Tensor probe = layer.forward(x);
        Tensor r = Tensor.randn(new Random(seed), 1.0, probe.shape());
        DoubleSupplier f = () -> dot(layer.forward(x), r);
        Map<String, Tensor> analytic = new LinkedHashMap<>();
        layer.forward(x);
        analytic.put("input", layer.backward(r.copy()).copy());
        for (Parameter p : layer.parameters()) {
            analytic.put(p.name(), p.grad().copy());
        }
        Map<String, Tensor> numerical = new LinkedHashMap<>();
        numerical.put("input", NumericalGradient.of(f, x));
        for (Parameter p : layer.parameters()) {
            numerical.put(p.name(), NumericalGradient.of(f, p.value()));
        }
        return compare(analytic, numerical, rtol, atol);
    }

    /** Checks a loss layer's dL/dscores at {@code scores} against {@code targets}. */
    public static Report loss(LossLayer loss, Tensor scores, Tensor targets) {
        loss.loss(scores, targets);
        Map<String, Tensor> analytic = Map.of("scores", loss.backward().copy());
        Map<String, Tensor> numerical = Map.of("scores",
                NumericalGradient.of(() -> loss.loss(scores, targets), scores));
        return compare(analytic, numerical);
    }

    /** Checks every parameter of a network on one batch. */
    public static Report network(Network net, Tensor x, Tensor targets) {
        return compare(net.gradient(x, targets), net.numericalGradient(x, targets));
    }

    /** Fails with the report as its message unless the layer's gradients pass. */
    public static void assertLayer(Layer layer, Tensor x, long seed) {
        assertPassed(layer(layer, x, seed), layer.getClass().getSimpleName());
    }

    /** Fails with the report as its message unless the loss layer's gradient passes. */
    public static void assertLoss(LossLayer loss, Tensor scores, Tensor targets) {
        assertPassed(loss(loss, scores, targets), loss.getClass().getSimpleName());
    }

    /** Fails with the report as its message unless the network's gradients pass. */
    public static void assertNetwork(Network net, Tensor x, Tensor targets) {
        assertPassed(network(net, x, targets), "network");
    }

    /** Throws an {@link AssertionError} carrying the report's table unless it passed. */
    public static void assertPassed(Report report, String what) {
        if (!report.passed()) {
            throw new AssertionError("gradient check of " + what + " failed\n" + report);
        }
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

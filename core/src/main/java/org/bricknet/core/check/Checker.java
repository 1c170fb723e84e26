package org.bricknet.core.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.bricknet.core.NumericalGradient;
import org.bricknet.core.Tensor;

/**
 * The engine under {@link org.bricknet.core.check.GradientCheck}: given a scalar function {@code f} and,
 * for each tensor it reads, the analytic gradient of {@code f} with respect to that tensor, it
 * perturbs the tensor in place as the {@link CheckMode} says, compares with the
 * {@link Tolerance}, sorts kinks from failures and writes a {@link GradientReport}. Every tensor is
 * left exactly as it was, even when {@code f} throws.
 *
 * <p>An element (or direction) that fails at the usual step {@code h} is looked at again with
 * steps {@code h/16} and {@code h/256}, two evaluations each: it passes if the smaller step agrees
 * (a kink crossed inside {@code h} but not beside the point, which the smaller step leaves out), and
 * it is a kink (skipped) if the one-sided slopes split by the kink rule at any step, or split by
 * as much at the smaller step as at {@code h}: at a smooth point the split shrinks with the step,
 * at a kink on the point (a ReLU input or a max-pool tie at exactly 0, several at once) it does
 * not. A wrong gradient at a smooth point fails at every step. A direction that fails is followed
 * by element checks of the elements it weighs most, so that the table shows a plain
 * per-element derivative ({@link GradientReport.Derivative}) beside the projected values.
 *
 * <p>{@code f} must be a deterministic function of the tensors' contents: a layer that draws
 * random numbers must hold its draw (see {@link RandomDraws}) for the whole check.
 */
public final class Checker {

    /** A tensor {@code f} reads, under a name, with the analytic gradient of {@code f} by it. */
    public record Checked(String name, Tensor value, Tensor analytic) {
        public Checked {
            if (!value.sameShape(analytic)) {
                throw new IllegalArgumentException("GradientCheck: analytic gradient for '" + name + "' has shape "
                        + analytic.shapeString() + ", expected " + value.shapeString());
            }
        }
    }

    private Checker() {}

    /** Checks every tensor in order; one row each. */
    public static GradientReport run(DoubleSupplier f, List<Checked> tensors, CheckMode mode, Tolerance tol) {
        long[] count = {0};
        DoubleSupplier counted = () -> {
            count[0]++;
            return f.getAsDouble();
        };
        double f0 = counted.getAsDouble();
        Random random = new Random(
                mode instanceof CheckMode.Directions d ? d.seed() : mode instanceof CheckMode.Subset s ? s.seed() : 0);
        List<GradientReport.Row> rows = new ArrayList<>();
        for (Checked c : tensors) {
            rows.add(
                    mode instanceof CheckMode.Directions d
                            ? directions(counted, f0, c, d.count(), random, tol)
                            : elements(counted, f0, c, indices(c.value().size(), mode, random), tol));
        }
        return new GradientReport(rows, mode, tol, count[0]);
    }

    /**
     * Compares gradients computed elsewhere, key by key; keys and shapes must agree. Only the values
     * are known, so no element can be told to be a kink.
     */
    public static GradientReport compare(Map<String, Tensor> analytic, Map<String, Tensor> numerical, Tolerance tol) {
        if (!analytic.keySet().equals(numerical.keySet())) {
            throw new IllegalArgumentException("GradientCheck: analytic keys " + analytic.keySet()
                    + " differ from numerical keys " + numerical.keySet());
        }
        List<GradientReport.Row> rows = new ArrayList<>();
        analytic.forEach((k, a) -> {
            Tensor n = numerical.get(k);
            new Checked(k, n, a);
            RowBuilder row = new RowBuilder(tol);
            for (int i = 0; i < a.size(); i++) {
                double ni = n.data()[i];
                row.add(i, a.data()[i], ni, ni, ni);
            }
            rows.add(row.build(k, a, false));
        });
        return new GradientReport(rows, CheckMode.full(), tol, 0);
    }

    /** The smaller steps a failing comparison is repeated with, as fractions of the usual one. */
    private static final double[] SMALLER = {1.0 / 16, 1.0 / 256};

    /** Central differences at the given flat indices. */
    private static GradientReport.Row elements(DoubleSupplier f, double f0, Checked c, int[] indices, Tolerance tol) {
        double[] a = c.analytic().data();
        RowBuilder row = new RowBuilder(tol);
        for (int i : indices) {
            NumericalGradient.Probe p = NumericalGradient.probe(f, c.value(), i);
            Slopes s = new Slopes(p.central(), p.forward(f0), p.backward(f0), false);
            if (!tol.passes(a[i], s.central)) {
                double h = NumericalGradient.step(c.value().data()[i]);
                s = again(a[i], s, tol, step -> probe(f, c.value(), i, step, f0), h);
            }
            row.add(i, a[i], s.central, s.kink);
        }
        return row.build(c.name(), c.value(), false);
    }

    /** The central and one-sided slopes at one step, and whether the point was found to be a kink. */
    private record Slopes(double central, double forward, double backward, boolean kink) {}

    /**
     * A comparison that failed at the usual step {@code h}, looked at with the smaller steps (see
     * the class comment): the slopes of the step at which it passes, else the usual slopes marked
     * as a kink or not.
     */
    private static Slopes again(
            double a, Slopes usual, Tolerance tol, java.util.function.DoubleFunction<Slopes> at, double h) {
        boolean kink = tol.isKink(a, usual.central, usual.forward, usual.backward);
        double split = Math.abs(usual.forward - usual.backward);
        for (double fraction : SMALLER) {
            Slopes s = at.apply(h * fraction);
            if (tol.passes(a, s.central)) {
                return s;
            }
            double smaller = Math.abs(s.forward - s.backward);
            kink |= tol.isKink(a, s.central, s.forward, s.backward)
                    || smaller > tol.kinkFactor() * tol.allowed(s.forward, s.backward) && smaller >= split / 4;
        }
        return new Slopes(usual.central, usual.forward, usual.backward, kink);
    }

    /** A central difference of element {@code i} with step {@code h}; the element is put back exactly. */
    private static Slopes probe(DoubleSupplier f, Tensor x, int i, double h, double f0) {
        NumericalGradient.Probe p = NumericalGradient.probe(f, x, i, h);
        return new Slopes(p.central(), p.forward(f0), p.backward(f0), false);
    }

    /**
     * Directional derivatives along random unit vectors {@code v}. The analytic side is
     * {@code Σ_j a_j·d_j / 2h} with {@code d_j = (x_j + h·v_j) − (x_j − h·v_j)} as rounded, the
     * displacement actually travelled, so that rounding of {@code x ± h·v} does not count as error.
     * When a direction fails, the elements it weighs most are checked one by one and the worst
     * becomes the row's plain derivative.
     */
    private static GradientReport.Row directions(
            DoubleSupplier f, double f0, Checked c, int count, Random random, Tolerance tol) {
        double[] x = c.value().data();
        double maxAbs = 0;
        for (double v : x) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double h = NumericalGradient.step(maxAbs);
        RowBuilder row = new RowBuilder(tol);
        double[] v = new double[x.length];
        double[] worst = null;
        double worstBadness = 0;
        for (int d = 0; d < count; d++) {
            unitGaussian(v, random);
            double[] at = along(f, f0, c, v, h);
            Slopes s = new Slopes(at[1], at[2], at[3], false);
            if (!tol.passes(at[0], s.central)) {
                s = again(
                        at[0],
                        s,
                        tol,
                        step -> {
                            double[] r = along(f, f0, c, v, step);
                            return new Slopes(r[1] + at[0] - r[0], r[2] + at[0] - r[0], r[3] + at[0] - r[0], false);
                        },
                        h);
                double badness = Math.abs(at[0] - s.central) / tol.allowed(at[0], s.central);
                if (!s.kink && badness > worstBadness) {
                    worstBadness = badness;
                    worst = v.clone();
                }
            }
            row.add(d, at[0], s.central, s.kink);
        }
        GradientReport.Row built = row.build(c.name(), c.value(), true);
        return worst == null ? built : built.withDerivative(worstElement(f, f0, c, worst, tol));
    }

    /**
     * {@code {analytic, central, forward, backward}} along {@code v} with step {@code h}; the
     * tensor is put back exactly.
     */
    private static double[] along(DoubleSupplier f, double f0, Checked c, double[] v, double h) {
        double[] x = c.value().data();
        double[] a = c.analytic().data();
        double[] old = x.clone();
        double analytic = 0;
        double fPlus;
        double fMinus;
        try {
            for (int j = 0; j < x.length; j++) {
                x[j] = old[j] + h * v[j];
            }
            fPlus = f.getAsDouble();
            for (int j = 0; j < x.length; j++) {
                x[j] = old[j] - h * v[j];
                analytic += a[j] * ((old[j] + h * v[j]) - x[j]);
            }
            fMinus = f.getAsDouble();
        } finally {
            System.arraycopy(old, 0, x, 0, x.length);
        }
        return new double[] {analytic / (2 * h), (fPlus - fMinus) / (2 * h), (fPlus - f0) / h, (f0 - fMinus) / h};
    }

    /** How many elements a failed direction is followed by: those it weighs most. */
    private static final int FOLLOWED = 16;

    /**
     * The worst of the {@link #FOLLOWED} elements with the largest {@code |a_j·v_j|} in direction
     * {@code v}, each checked alone: a plain derivative where the direction gave only a projection.
     */
    private static GradientReport.Derivative worstElement(
            DoubleSupplier f, double f0, Checked c, double[] v, Tolerance tol) {
        double[] a = c.analytic().data();
        Integer[] order = new Integer[a.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (i, j) -> Double.compare(Math.abs(a[j] * v[j]), Math.abs(a[i] * v[i])));
        int best = -1;
        double bestN = 0;
        double bestBadness = -1;
        for (int k = 0; k < Math.min(FOLLOWED, order.length); k++) {
            int i = order[k];
            double n = NumericalGradient.probe(f, c.value(), i).central();
            double badness = Math.abs(a[i] - n) / tol.allowed(a[i], n);
            if (badness > bestBadness) {
                bestBadness = badness;
                best = i;
                bestN = n;
            }
        }
        return new GradientReport.Derivative(
                "∂f/∂" + c.name() + Tensor.shapeString(c.value().multiIndex(best)), a[best], bestN);
    }

    /** The flat indices a mode compares in a tensor of {@code size} elements, in increasing order. */
    static int[] indices(int size, CheckMode mode, Random random) {
        if (!(mode instanceof CheckMode.Subset s) || s.k() >= size) {
            int[] all = new int[size];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int k = s.k();
        int[] out = new int[k];
        if (s.spread() == CheckMode.Spread.EVEN) {
            for (int j = 0; j < k; j++) {
                out[j] = (int) ((j + 0.5) * size / k);
            }
            return out;
        }
        int[] pool = new int[size];
        Arrays.setAll(pool, i -> i);
        for (int j = 0; j < k; j++) {
            int r = j + random.nextInt(size - j);
            int t = pool[j];
            pool[j] = pool[r];
            pool[r] = t;
        }
        System.arraycopy(pool, 0, out, 0, k);
        Arrays.sort(out);
        return out;
    }

    private static void unitGaussian(double[] v, Random random) {
        double norm = 0;
        for (int j = 0; j < v.length; j++) {
            v[j] = random.nextGaussian();
            norm += v[j] * v[j];
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < v.length; j++) {
            v[j] /= norm;
        }
    }
}

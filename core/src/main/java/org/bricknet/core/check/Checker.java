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

    /** Central differences at the given flat indices. */
    private static GradientReport.Row elements(DoubleSupplier f, double f0, Checked c, int[] indices, Tolerance tol) {
        double[] a = c.analytic().data();
        RowBuilder row = new RowBuilder(tol);
        for (int i : indices) {
            NumericalGradient.Probe p = NumericalGradient.probe(f, c.value(), i);
            row.add(i, a[i], p.central(), p.forward(f0), p.backward(f0));
        }
        return row.build(c.name(), c.value(), false);
    }

    /**
     * Directional derivatives along random unit vectors {@code v}. The analytic side is
     * {@code Σ_j a_j·d_j / 2h} with {@code d_j = (x_j + h·v_j) − (x_j − h·v_j)} as rounded, the
     * displacement actually travelled, so that rounding of {@code x ± h·v} does not count as error.
     */
    private static GradientReport.Row directions(
            DoubleSupplier f, double f0, Checked c, int count, Random random, Tolerance tol) {
        double[] x = c.value().data();
        double[] a = c.analytic().data();
        double[] old = x.clone();
        double maxAbs = 0;
        for (double v : old) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double h = NumericalGradient.step(maxAbs);
        RowBuilder row = new RowBuilder(tol);
        double[] v = new double[x.length];
        double[] plus = new double[x.length];
        double[] minus = new double[x.length];
        for (int d = 0; d < count; d++) {
            unitGaussian(v, random);
            double analytic = 0;
            for (int j = 0; j < x.length; j++) {
                plus[j] = old[j] + h * v[j];
                minus[j] = old[j] - h * v[j];
                analytic += a[j] * (plus[j] - minus[j]);
            }
            analytic /= 2 * h;
            double fPlus;
            double fMinus;
            try {
                System.arraycopy(plus, 0, x, 0, x.length);
                fPlus = f.getAsDouble();
                System.arraycopy(minus, 0, x, 0, x.length);
                fMinus = f.getAsDouble();
            } finally {
                System.arraycopy(old, 0, x, 0, x.length);
            }
            row.add(d, analytic, (fPlus - fMinus) / (2 * h), (fPlus - f0) / h, (f0 - fMinus) / h);
        }
        return row.build(c.name(), c.value(), true);
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

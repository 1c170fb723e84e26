package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.bricknet.core.Layer;
import org.bricknet.core.Network;
import org.bricknet.core.NumericalGradient;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.examples.custom.Swish;
import org.bricknet.layers.Affine;
import org.bricknet.layers.Relu;
import org.bricknet.layers.Sigmoid;
import org.bricknet.losses.SoftmaxWithLoss;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind {@link Tolerance#DEFAULT}: the errors of right gradients on this
 * project's own bricks, every element, 40 seeds each. Per case it prints the largest relative error
 * among elements not near zero ({@code max(|a|, |n|) >= 1e-4}), the largest absolute error, and the
 * largest error in units of the default tolerance; the test fails if the defaults leave less than
 * a factor of 10 between the worst right gradient and failing.
 */
class ToleranceMeasurementTest {
    private static final int SEEDS = 40;
    private double worstRel;
    private double worstAbs;
    private double worstBadness;

    @Test
    void rightGradientsStayTenTimesInsideTheDefaults() {
        layer(
                "Affine",
                (r, n) -> new Affine(Tensor.randn(r, 1.0, 12, 7), Tensor.randn(r, 1.0, 7)),
                (r, n) -> Tensor.randn(r, 1.0, n, 12));
        layer("Relu", (r, n) -> new Relu(), (r, n) -> awayFromZero(r, n, 10));
        layer("Sigmoid", (r, n) -> new Sigmoid(), (r, n) -> Tensor.randn(r, 3.0, n, 10));
        layer("Swish", (r, n) -> new Swish(), (r, n) -> Tensor.randn(r, 3.0, n, 10));
        measure("SoftmaxWithLoss", seed -> {
            Random r = new Random(seed);
            int n = 1 + r.nextInt(8);
            Tensor scores = Tensor.randn(r, 3.0, n, 10);
            Tensor t = Tensor.zeros(n);
            for (int i = 0; i < n; i++) {
                t.set(r.nextInt(10), i);
            }
            SoftmaxWithLoss loss = new SoftmaxWithLoss();
            loss.loss(scores, t);
            Map<String, Tensor[]> out = new LinkedHashMap<>();
            out.put("scores", new Tensor[] {
                loss.backward().copy(), NumericalGradient.of(() -> loss.loss(scores, t), scores)
            });
            return out;
        });
        System.out.printf(
                "all right gradients: max rel %.2e, max abs %.2e, worst %.3f of the default tolerance%n",
                worstRel, worstAbs, worstBadness);
        assertTrue(worstBadness < 0.1, "the defaults leave less than 10x margin: " + worstBadness);
        network(CheckMode.full(), 0.1);
        network(CheckMode.directions(5, 1), 0.1);
    }

    /**
     * The book's TwoLayerNet (std 0.01, where hidden units sit near ReLU's kink, and std 1) through
     * the checker itself, which skips kinks: the worst remaining error in units of the tolerance.
     */
    private void network(CheckMode mode, double margin) {
        double rel = 0;
        double abs = 0;
        int skipped = 0;
        int checked = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            Random r = new Random(seed);
            int n = 1 + r.nextInt(5);
            Network net = new TwoLayerNet(30, 20, 10, seed % 2 == 0 ? 0.01 : 1.0, r);
            Tensor x = Tensor.uniform(r, 0, 1, n, 30);
            Tensor t = Tensor.zeros(n);
            for (int i = 0; i < n; i++) {
                t.set(r.nextInt(10), i);
            }
            GradientReport rep = GradientCheck.network(
                    net,
                    x,
                    t,
                    mode,
                    new Tolerance(
                            Tolerance.DEFAULT_RTOL * margin,
                            Tolerance.DEFAULT_ATOL * margin,
                            Tolerance.DEFAULT_KINK_FACTOR / margin));
            assertTrue(rep.passed(), rep::toString);
            rel = Math.max(rel, rep.maxRelError());
            abs = Math.max(abs, rep.maxAbsError());
            skipped += rep.skipped();
            checked += rep.checked();
        }
        System.out.printf(
                "%-40s max rel %.2e, max abs %.2e, passes %.0fx tighter tolerances; %d of %d skipped%n",
                "TwoLayerNet(30, 20, 10) " + mode.label(), rel, abs, 1 / margin, skipped, checked);
    }

    private void layer(
            String name, BiFunction<Random, Integer, Layer> make, BiFunction<Random, Integer, Tensor> input) {
        measure(name, seed -> {
            Random r = new Random(seed);
            int n = 1 + r.nextInt(8);
            Layer layer = make.apply(r, n);
            Tensor x = input.apply(r, n);
            Tensor y = layer.forward(x);
            Tensor w = Tensor.randn(r, 1.0, y.shape());
            Map<String, Tensor[]> out = new LinkedHashMap<>();
            Tensor dx = layer.backward(w.copy()).copy();
            java.util.function.DoubleSupplier f = () -> {
                double s = 0;
                double[] yd = layer.forward(x).data();
                for (int i = 0; i < yd.length; i++) {
                    s += yd[i] * w.data()[i];
                }
                return s;
            };
            out.put("input", new Tensor[] {dx, NumericalGradient.of(f, x)});
            for (Parameter p : layer.parameters()) {
                out.put(p.name(), new Tensor[] {p.grad().copy(), NumericalGradient.of(f, p.value())});
            }
            return out;
        });
    }

    private void measure(String name, java.util.function.LongFunction<Map<String, Tensor[]>> run) {
        double rel = 0;
        double abs = 0;
        double bad = 0;
        Tolerance tol = Tolerance.DEFAULT;
        for (long seed = 0; seed < SEEDS; seed++) {
            for (Tensor[] an : run.apply(seed).values()) {
                double[] a = an[0].data();
                double[] n = an[1].data();
                for (int i = 0; i < a.length; i++) {
                    double e = Math.abs(a[i] - n[i]);
                    abs = Math.max(abs, e);
                    if (Math.max(Math.abs(a[i]), Math.abs(n[i])) >= 1e-4) {
                        rel = Math.max(rel, Tolerance.relativeError(a[i], n[i]));
                    }
                    bad = Math.max(bad, e / tol.allowed(a[i], n[i]));
                }
            }
        }
        System.out.printf(
                "%-40s max rel %.2e, max abs %.2e, worst %.3f of the default tolerance%n", name, rel, abs, bad);
        worstRel = Math.max(worstRel, rel);
        worstAbs = Math.max(worstAbs, abs);
        worstBadness = Math.max(worstBadness, bad);
    }

    private static Tensor awayFromZero(Random r, int n, int d) {
        Tensor x = Tensor.zeros(n, d);
        double[] v = x.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = (r.nextBoolean() ? 1 : -1) * (0.1 + 2 * r.nextDouble());
        }
        return x;
    }
}

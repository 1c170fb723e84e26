package org.bricknet.core.check;

import java.util.ArrayList;
import java.util.List;
import org.bricknet.core.Layer;
import org.bricknet.core.NumericalGradient;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;

/**
 * A layer check's failures as plain derivatives. The check compares derivatives of the scalar
 * {@code f(x) = Σ forward(x) ⊙ R}, each a sum over the outputs weighted by a random {@code R}; a
 * reader wants the derivative of one output by one element. For each row that failed element by
 * element, the worst element {@code t[i]} is shown as {@code ∂y[k]/∂t[i]} for the output {@code k}
 * it moves most: numerically from one central difference of the whole output, analytically from
 * one backward pass of the one-hot {@code e_k}. (For an element-wise layer {@code k = i}.)
 */
final class LayerDerivatives {
    private LayerDerivatives() {}

    /** {@code report} with each failed row's worst element as a plain derivative of {@code layer} at {@code x}. */
    static GradientReport explain(GradientReport report, Layer layer, Tensor x) {
        List<GradientReport.Row> rows = new ArrayList<>();
        for (GradientReport.Row r : report.rows()) {
            Tensor t = r.name().equals("input") ? x : parameter(layer, r.name());
            boolean explain = !r.passed() && !r.directional() && !r.notChecked() && t != null;
            rows.add(explain ? r.withDerivative(derivative(layer, x, r, t)) : r);
        }
        return new GradientReport(
                rows, report.mode(), report.tolerance(), report.evaluations(), report.uncheckedAllowed());
    }

    private static GradientReport.Derivative derivative(Layer layer, Tensor x, GradientReport.Row r, Tensor t) {
        int i = flat(t.shape(), r.worstIndex());
        double[] d = t.data();
        double old = d[i];
        double h = NumericalGradient.step(old);
        Tensor plus;
        Tensor minus;
        try {
            d[i] = old + h;
            plus = layer.forward(x).copy();
            d[i] = old - h;
            minus = layer.forward(x).copy();
        } finally {
            d[i] = old;
        }
        int k = 0;
        for (int j = 1; j < plus.size(); j++) {
            if (Math.abs(plus.data()[j] - minus.data()[j]) > Math.abs(plus.data()[k] - minus.data()[k])) {
                k = j;
            }
        }
        double numerical = (plus.data()[k] - minus.data()[k]) / ((old + h) - (old - h));
        Tensor y = layer.forward(x);
        Tensor one = Tensor.zeros(y.shape());
        one.data()[k] = 1;
        Tensor dx = layer.backward(one);
        double analytic = t == x ? dx.data()[i] : parameterGrad(layer, r.name()).data()[i];
        return new GradientReport.Derivative(
                "∂y" + Tensor.shapeString(y.multiIndex(k)) + "/∂" + r.name() + Tensor.shapeString(r.worstIndex()),
                analytic,
                numerical);
    }

    private static Tensor parameter(Layer layer, String name) {
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }

    private static Tensor parameterGrad(Layer layer, String name) {
        for (Parameter p : layer.parameters()) {
            if (p.name().equals(name)) {
                return p.grad();
            }
        }
        throw new IllegalStateException("LayerDerivatives: no parameter '" + name + "'");
    }

    private static int flat(int[] shape, int[] index) {
        int f = 0;
        for (int a = 0; a < shape.length; a++) {
            f = f * shape[a] + index[a];
        }
        return f;
    }
}

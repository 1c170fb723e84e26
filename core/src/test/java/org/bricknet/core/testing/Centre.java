package org.bricknet.core.testing;

import java.util.List;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * A batch-norm-like test layer without the variance: {@code y = γ ⊙ (x − mean_batch(x)) + β} on
 * {@code (N, D)} input, with {@code γ} and {@code β} of shape {@code (D)}. On a batch of one,
 * {@code x − mean = 0} exactly, so the output is exactly {@code β}: with {@code β = 0} it feeds a
 * following ReLU exactly on its kink, the situation the kink rule exists for.
 *
 * <p>Backward, with {@code c = x − mean} and {@code g = dout}: {@code dβ = Σ_n g},
 * {@code dγ = Σ_n g ⊙ c}, {@code dx = γ ⊙ (g − mean_batch(g))}. {@link #wrong()} gives a copy
 * whose {@code dx} forgets to subtract the batch mean of {@code g}.
 */
public final class Centre implements Layer {
    private final Parameter gamma;
    private final Parameter beta;
    private final boolean wrong;
    private Tensor centred;

    public Centre(Tensor gamma, Tensor beta) {
        this(gamma, beta, false);
    }

    private Centre(Tensor gamma, Tensor beta, boolean wrong) {
        this.gamma = new Parameter("gamma", gamma);
        this.beta = new Parameter("beta", beta);
        this.wrong = wrong;
    }

    /** γ = 1, β = 0 over {@code d} features, as batch normalization starts. */
    public static Centre fresh(int d) {
        return new Centre(Tensor.zeros(d).fill(1.0), Tensor.zeros(d));
    }

    /** The same layer with a wrong input gradient. */
    public Centre wrong() {
        return new Centre(gamma.value(), beta.value(), true);
    }

    @Override
    public Tensor forward(Tensor x) {
        int d = gamma.value().size();
        Shapes.requireMatrix("Centre", x, d);
        int n = x.rows();
        double[] mean = columnMeans(x.data(), n, d);
        centred = Tensor.zeros(n, d);
        Tensor y = Tensor.zeros(n, d);
        double[] xd = x.data();
        double[] c = centred.data();
        double[] yd = y.data();
        double[] g = gamma.value().data();
        double[] b = beta.value().data();
        for (int i = 0; i < n * d; i++) {
            c[i] = xd[i] - mean[i % d];
            yd[i] = g[i % d] * c[i] + b[i % d];
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Centre", centred);
        Shapes.requireSame("Centre", "output gradient", centred, dout);
        int n = centred.rows();
        int d = gamma.value().size();
        double[] g = dout.data();
        double[] c = centred.data();
        double[] dg = gamma.grad().fill(0).data();
        double[] db = beta.grad().fill(0).data();
        for (int i = 0; i < n * d; i++) {
            db[i % d] += g[i];
            dg[i % d] += g[i] * c[i];
        }
        double[] gMean = wrong ? new double[d] : columnMeans(g, n, d);
        Tensor dx = Tensor.zeros(n, d);
        double[] out = dx.data();
        double[] gamma = this.gamma.value().data();
        for (int i = 0; i < n * d; i++) {
            out[i] = gamma[i % d] * (g[i] - gMean[i % d]);
        }
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    private static double[] columnMeans(double[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n * d; i++) {
            mean[i % d] += x[i];
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return mean;
    }
}

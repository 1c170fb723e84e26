package org.bricknet.layers;

import java.util.List;
import java.util.Map;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * Batch normalization per feature: on {@code N x D} each of the D columns, on {@code N x C x H x W}
 * each channel (over all N·H·W of its values; any {@code N x F x ...} works alike). With the
 * {@code M} values of one feature, {@code μ = (1/M)Σx}, {@code σ² = (1/M)Σ(x − μ)²} (the biased
 * batch variance, as in the book), {@code x̂ = (x − μ)/√(σ² + eps)} and {@code y = γ·x̂ + β}.
 *
 * <p>Training mode uses the batch's {@code μ, σ²} and updates the running statistics
 * {@code r ← momentum·r + (1 − momentum)·batch} for the mean and for the variance, where the
 * running variance takes the same biased {@code σ²} as the book (PyTorch uses the unbiased
 * {@code M/(M−1)·σ²} there). They start at mean 0 and variance 1. Evaluation mode normalizes with
 * the running ones. A new layer starts in training mode.
 *
 * <p>Backward in training mode, per feature: {@code dβ = Σ dout}, {@code dγ = Σ dout·x̂},
 * {@code dx = (γ/(M·√(σ² + eps)))·(M·dout − dβ − x̂·dγ)}. In evaluation mode μ and σ² are
 * constants: {@code dx = dout·γ/√(r_var + eps)}.
 */
public final class BatchNormalization implements Layer {
    private final double momentum;
    private final double eps;
    private Parameter gamma;
    private Parameter beta;
    private int features;
    private double[] runningMean;
    private double[] runningVar;
    private Map<String, Tensor> buffers = Map.of();
    private boolean training = true;
    private boolean batchStatistics;
    private Tensor xhat;
    private Tensor y;
    private Tensor dx;
    private double[] mean;
    private double[] var;
    private double[] invStd;

    /** {@code gamma} and {@code beta} of shape {@code (F)}, not copied; momentum in [0, 1], eps > 0. */
    public BatchNormalization(Tensor gamma, Tensor beta, double momentum, double eps) {
        if (gamma.rank() != 1) {
            throw new IllegalArgumentException(
                    "BatchNormalization: expected gamma of shape (F,), got " + gamma.shapeString());
        }
        Shapes.requireSame("BatchNormalization", "beta", gamma, beta);
        this.momentum = requireSettings(momentum, eps);
        this.eps = eps;
        init(gamma, beta);
    }

    /**
     * The book's momentum 0.9 and eps 1e-6, the number of features left to the
     * {@link org.bricknet.core.Graph} that holds the layer: γ = 1 and β = 0 are created when it is
     * built, one per feature of its input (axis 1).
     */
    public BatchNormalization() {
        this(0.9, 1e-6);
    }

    /** As {@link #BatchNormalization()} with the given momentum in [0, 1] and eps &gt; 0. */
    public BatchNormalization(double momentum, double eps) {
        this.momentum = requireSettings(momentum, eps);
        this.eps = eps;
    }

    private static double requireSettings(double momentum, double eps) {
        if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException(
                    "BatchNormalization: expected momentum in [0, 1] and eps > 0, got " + momentum + " and " + eps);
        }
        return momentum;
    }

    private void init(Tensor gamma, Tensor beta) {
        this.features = gamma.size();
        this.gamma = new Parameter("gamma", gamma);
        this.beta = new Parameter("beta", beta);
        this.runningMean = new double[features];
        this.runningVar = new double[features];
        this.mean = new double[features];
        this.var = new double[features];
        this.invStd = new double[features];
        java.util.Arrays.fill(runningVar, 1.0);
        Map<String, Tensor> b = new java.util.LinkedHashMap<>();
        b.put("running_mean", Tensor.of(runningMean, features));
        b.put("running_var", Tensor.of(runningVar, features));
        this.buffers = java.util.Collections.unmodifiableMap(b);
    }

    /** γ = 1, β = 0, momentum 0.9 and eps 1e-6, the book's values ({@code 10e-7}). */
    public BatchNormalization(int features) {
        this(Tensor.zeros(features).fill(1.0), Tensor.zeros(features), 0.9, 1e-6);
    }

    /** Creates γ = 1 and β = 0 for the features (axis 1) of a {@code BatchNormalization()}'s input. */
    @Override
    public void build(int[][] inputShapes, java.util.Random random) {
        if (gamma != null) {
            return;
        }
        if (inputShapes == null) {
            throw new IllegalStateException("BatchNormalization needs the shape of its input to create gamma and beta");
        }
        if (inputShapes[0].length == 0) {
            throw new IllegalArgumentException("BatchNormalization expects examples of shape (F) or (F, H, W), got ()");
        }
        init(Tensor.zeros(inputShapes[0][0]).fill(1.0), Tensor.zeros(inputShapes[0][0]));
    }

    /** The input's shape, whose axis 1 must be the features. */
    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        int[] in = inputShapes[0];
        if (in.length == 0 || (gamma != null && in[0] != features)) {
            throw new IllegalArgumentException("BatchNormalization expects examples of shape ("
                    + (gamma == null ? "F" : features) + ") or (" + (gamma == null ? "F" : features)
                    + ", H, W), got " + Tensor.shapeString(in));
        }
        return new int[][] {in.clone()};
    }

    @Override
    public Tensor forward(Tensor x) {
        if (gamma == null) {
            throw new IllegalStateException(
                    "BatchNormalization: its gamma and beta are created when a graph holding it is built");
        }
        if (x.rank() < 2 || x.dim(1) != features) {
            throw new IllegalArgumentException("BatchNormalization: expected input of shape (N, " + features
                    + ") or (N, " + features + ", H, W), got " + x.shapeString());
        }
        int inner = x.size() / (x.dim(0) * features);
        double m = (double) x.dim(0) * inner;
        double[] xd = x.data();
        if (training) {
            java.util.Arrays.fill(mean, 0.0);
            java.util.Arrays.fill(var, 0.0);
            accumulate(xd, inner, mean, null);
            for (int f = 0; f < features; f++) {
                mean[f] /= m;
            }
            accumulate(xd, inner, var, mean);
            for (int f = 0; f < features; f++) {
                var[f] /= m;
                runningMean[f] = momentum * runningMean[f] + (1 - momentum) * mean[f];
                runningVar[f] = momentum * runningVar[f] + (1 - momentum) * var[f];
            }
        } else {
            System.arraycopy(runningMean, 0, mean, 0, features);
            System.arraycopy(runningVar, 0, var, 0, features);
        }
        batchStatistics = training;
        for (int f = 0; f < features; f++) {
            invStd[f] = 1.0 / Math.sqrt(var[f] + eps);
        }
        xhat = Tensor.reuse(xhat, x);
        y = Tensor.reuse(y, x);
        double[] h = xhat.data();
        double[] yd = y.data();
        double[] g = gamma.value().data();
        double[] b = beta.value().data();
        for (int blk = 0, i = 0; i < xd.length; blk++) {
            int f = blk % features;
            for (int end = i + inner; i < end; i++) {
                h[i] = (xd[i] - mean[f]) * invStd[f];
                yd[i] = g[f] * h[i] + b[f];
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("BatchNormalization", xhat);
        Shapes.requireSame("BatchNormalization", "output gradient", xhat, dout);
        int inner = xhat.size() / (xhat.dim(0) * features);
        double m = (double) xhat.dim(0) * inner;
        double[] d = dout.data();
        double[] h = xhat.data();
        double[] dg = gamma.grad().data();
        double[] db = beta.grad().data();
        java.util.Arrays.fill(dg, 0.0);
        java.util.Arrays.fill(db, 0.0);
        for (int blk = 0, i = 0; i < d.length; blk++) {
            int f = blk % features;
            for (int end = i + inner; i < end; i++) {
                db[f] += d[i];
                dg[f] += d[i] * h[i];
            }
        }
        dx = Tensor.reuse(dx, xhat);
        double[] out = dx.data();
        double[] g = gamma.value().data();
        for (int blk = 0, i = 0; i < d.length; blk++) {
            int f = blk % features;
            double scale = g[f] * invStd[f];
            for (int end = i + inner; i < end; i++) {
                out[i] = batchStatistics ? scale * (d[i] - (db[f] + h[i] * dg[f]) / m) : scale * d[i];
            }
        }
        return dx;
    }

    /**
     * Adds each feature's values (or, given {@code mean}, squared deviations) into {@code sums}.
     * The array is {@code N·F} blocks of {@code inner} values (1 for N x D, H·W for images); block
     * {@code k} belongs to feature {@code k mod F}, as in every loop of this class.
     */
    private void accumulate(double[] xd, int inner, double[] sums, double[] mean) {
        for (int blk = 0, i = 0; i < xd.length; blk++) {
            int f = blk % features;
            for (int end = i + inner; i < end; i++) {
                sums[f] += mean == null ? xd[i] : (xd[i] - mean[f]) * (xd[i] - mean[f]);
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return gamma == null ? List.of() : List.of(gamma, beta);
    }

    /**
     * The running statistics as tensors over the layer's own arrays ({@code running_mean},
     * {@code running_var}), so that model files save and restore them.
     */
    @Override
    public Map<String, Tensor> buffers() {
        return buffers;
    }

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    /** The running mean, a copy. */
    public double[] runningMean() {
        return runningMean == null ? new double[0] : runningMean.clone();
    }

    /** The running (biased) variance, a copy. */
    public double[] runningVariance() {
        return runningVar == null ? new double[0] : runningVar.clone();
    }

    /** The weight of the old running value in {@code r ← momentum·r + (1 − momentum)·batch}. */
    public double momentum() {
        return momentum;
    }

    public double eps() {
        return eps;
    }

    /** {@code BatchNormalization(100, momentum 0.9, eps 1.0E-6)}; {@code ?} features before a graph gives them. */
    @Override
    public String toString() {
        return "BatchNormalization(" + (gamma == null ? "?" : Integer.toString(features)) + ", momentum " + momentum
                + ", eps " + eps + ")";
    }
}

package org.bricknet.layers;

import java.util.List;
import java.util.Map;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;

/**
 * Batch normalization: each feature's {@code M} values in a batch are normalized with their mean
 * and variance, then scaled and shifted. Forward, per feature:
 * <pre>
 *   μ = (1/M)·Σx,   σ² = (1/M)·Σ(x − μ)²   (the biased batch variance)
 *   x̂ = (x − μ)/√(σ² + eps),   y = γ·x̂ + β
 * </pre>
 * Training mode uses the batch's μ and σ², and moves the running statistics towards them:
 * {@code r ← keep·r + (1 − keep)·batch}, for the mean and for the variance. Evaluation mode
 * normalizes with the running ones. A new layer starts in training mode.
 *
 * <p>Backward in training mode, per feature: {@code dβ = Σ dout}, {@code dγ = Σ dout·x̂},
 * {@code dx = (γ/(M·√(σ² + eps)))·(M·dout − dβ − x̂·dγ)}. In evaluation mode μ and σ² are
 * constants: {@code dx = dout·γ/√(r_var + eps)}.
 *
 * <p>Conventions (see {@link BatchNormalizationBuilder}): where the book ({@code common/layers.py}) and PyTorch
 * ({@code BatchNorm1d/2d}) differ, each is one setting.
 * <ul>
 *   <li>Momentum: the book writes the weight of the old value ({@code momentum = 0.9}, {@code r ←
 *       0.9·r + (1 − 0.9)·batch}), PyTorch the weight of the new ({@code momentum = 0.1}, {@code r ←
 *       (1 − 0.1)·r + 0.1·batch}); each form is computed as its source rounds it.
 *   <li>Running variance: the book keeps the biased σ²; PyTorch the unbiased {@code Σ(x − μ)²/(M−1)}
 *       (a training batch then needs M ≥ 2).
 *   <li>Start of the running variance: 0 in the book, 1 in PyTorch; eps 1e-6 ({@code 10e-7}) in the
 *       book, 1e-5 in PyTorch.
 *   <li>Input {@code (N, C, H, W)}: PyTorch's {@code BatchNorm2d} normalizes each channel over its
 *       N·H·W values ({@link Axes#PER_CHANNEL}); the book reads the input as {@code (N, C·H·W)} and
 *       normalizes each of the C·H·W values over N ({@link Axes#PER_FEATURE}). On {@code (N, D)}
 *       input both are the same.
 * </ul>
 * {@link #BatchNormalization(int)} is the book's momentum, biased running variance and eps, with
 * the running variance starting at 1 and images normalized per channel; {@link #book} and
 * {@link #pytorch} are either source throughout. In a {@link org.bricknet.core.Graph},
 * {@link #BatchNormalization()} (or {@link #builder()}) takes the number of features from its input.
 *
 * <p>Shape: input {@code (N, F)} or {@code (N, F, H, W)} (any {@code (N, F, ...)}) per channel, or
 * {@code (N, ...)} with F values per example per feature; output the input's shape; parameters
 * {@code gamma (F,)} and {@code beta (F,)}; buffers {@code running_mean (F,)} and
 * {@code running_var (F,)}.
 */
public final class BatchNormalization implements Layer {
    /** Which values share one mean and variance. */
    public enum Axes {
        /** Axis 1 is the feature: a column of {@code (N, D)}, a channel of {@code (N, C, H, W)} (PyTorch). */
        PER_CHANNEL,
        /** Every value of an example is a feature of its own, normalized over the batch alone (the book). */
        PER_FEATURE
    }

    private final double keep;
    private final double take;
    private final double eps;
    private final boolean unbiased;
    private final double initialVariance;
    private final Axes axes;
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

    /**
     * {@code gamma} and {@code beta} of shape {@code (F)}, not copied; the book's momentum (the
     * weight of the old running value) in [0, 1], eps &gt; 0; the other settings as
     * {@link #BatchNormalization(int)}.
     */
    public BatchNormalization(Tensor gamma, Tensor beta, double momentum, double eps) {
        this(gamma, beta, momentum, 1 - momentum, eps, false, 1.0, Axes.PER_CHANNEL);
    }

    /** γ = 1, β = 0, momentum 0.9 and eps 1e-6, the book's values ({@code 10e-7}); see the class comment. */
    public BatchNormalization(int features) {
        this(Tensor.zeros(features).fill(1.0), Tensor.zeros(features), 0.9, 1e-6);
    }

    /** As {@link #BatchNormalization(int)}, the number of features taken from the input in a graph. */
    public BatchNormalization() {
        this(0.9, 1e-6);
    }

    /** As {@link #BatchNormalization()} with the book's momentum in [0, 1] and eps &gt; 0. */
    public BatchNormalization(double momentum, double eps) {
        this(null, null, momentum, 1 - momentum, eps, false, 1.0, Axes.PER_CHANNEL);
    }

    /** Every setting; {@code gamma} null leaves the features to the graph. */
    BatchNormalization(
            Tensor gamma,
            Tensor beta,
            double keep,
            double take,
            double eps,
            boolean unbiased,
            double initialVariance,
            Axes axes) {
        if (!(keep >= 0 && keep <= 1) || !(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("BatchNormalization: expected momentum in [0, 1] and eps > 0, got "
                    + keep + " (the weight of the old value) and " + eps);
        }
        if (!(initialVariance >= 0) || Double.isInfinite(initialVariance)) {
            throw new IllegalArgumentException(
                    "BatchNormalization: expected an initial running variance >= 0, got " + initialVariance);
        }
        this.keep = keep;
        this.take = take;
        this.eps = eps;
        this.unbiased = unbiased;
        this.initialVariance = initialVariance;
        this.axes = java.util.Objects.requireNonNull(axes, "BatchNormalization: expected axes, got null");
        if (gamma != null) {
            init(gamma, beta);
        }
    }

    private void init(Tensor gamma, Tensor beta) {
        if (gamma.rank() != 1) {
            throw new IllegalArgumentException(
                    "BatchNormalization: expected gamma of shape (F,), got " + gamma.shapeString());
        }
        Shapes.requireSame("BatchNormalization", "beta", gamma, beta);
        this.features = gamma.size();
        this.gamma = new Parameter("gamma", gamma);
        this.beta = new Parameter("beta", beta);
        this.runningMean = new double[features];
        this.runningVar = new double[features];
        this.mean = new double[features];
        this.var = new double[features];
        this.invStd = new double[features];
        java.util.Arrays.fill(runningVar, initialVariance);
        Map<String, Tensor> b = new java.util.LinkedHashMap<>();
        b.put("running_mean", Tensor.of(runningMean, features));
        b.put("running_var", Tensor.of(runningVar, features));
        this.buffers = java.util.Collections.unmodifiableMap(b);
    }

    /** Settings for a layer of {@code features} features, starting from {@link #BatchNormalization(int)}'s. */
    public static BatchNormalizationBuilder builder(int features) {
        return new BatchNormalizationBuilder(features);
    }

    /** Settings for a layer whose features its graph gives, starting from {@link #BatchNormalization()}'s. */
    public static BatchNormalizationBuilder builder() {
        return new BatchNormalizationBuilder(0);
    }

    /**
     * PyTorch's {@code BatchNorm1d(F)} / {@code BatchNorm2d(F)}: eps 1e-5, momentum 0.1 on the new
     * value, unbiased running variance starting at 1, per channel.
     */
    public static BatchNormalization pytorch(int features) {
        return builder(features)
                .eps(1e-5)
                .pytorchMomentum(0.1)
                .unbiasedRunningVariance(true)
                .build();
    }

    /**
     * The book's {@code BatchNormalization}: eps 1e-6, momentum 0.9 on the old value, biased running
     * variance starting at 0, per feature ({@code features} = C·H·W for images).
     */
    public static BatchNormalization book(int features) {
        return builder(features)
                .initialRunningVariance(0)
                .axes(Axes.PER_FEATURE)
                .build();
    }

    /** Creates γ = 1 and β = 0, one per feature of the input, for a layer built without its features. */
    @Override
    public void build(int[][] inputShapes, java.util.Random random) {
        if (gamma != null) {
            return;
        }
        if (inputShapes == null) {
            throw new IllegalStateException("BatchNormalization needs the shape of its input to create gamma and beta");
        }
        int f = featuresOf(inputShapes[0]);
        init(Tensor.zeros(f).fill(1.0), Tensor.zeros(f));
    }

    /** The input's shape; its features (axis 1, or every value per feature) must be the layer's. */
    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        int f = featuresOf(inputShapes[0]);
        if (gamma != null && f != features) {
            throw new IllegalArgumentException("BatchNormalization expects examples of "
                    + (axes == Axes.PER_FEATURE
                            ? features + " values"
                            : "shape (" + features + ") or (" + features + ", H, W)")
                    + ", got " + Tensor.shapeString(inputShapes[0]));
        }
        return new int[][] {inputShapes[0].clone()};
    }

    private int featuresOf(int[] example) {
        if (example.length == 0) {
            throw new IllegalArgumentException("BatchNormalization expects examples of shape (F) or (F, H, W), got ()");
        }
        int values = 1;
        for (int d : example) {
            values *= d;
        }
        return axes == Axes.PER_FEATURE ? values : example[0];
    }

    @Override
    public Tensor forward(Tensor x) {
        if (gamma == null) {
            throw new IllegalStateException(
                    "BatchNormalization: its gamma and beta are created when a graph holding it is built");
        }
        boolean perFeature = axes == Axes.PER_FEATURE;
        if (perFeature ? x.rank() < 2 || x.cols() != features : x.rank() < 2 || x.dim(1) != features) {
            throw new IllegalArgumentException("BatchNormalization: expected input of shape (N, " + features + ") or "
                    + (perFeature ? "(N, ...) with " + features + " values per example" : "(N, " + features + ", H, W)")
                    + ", got " + x.shapeString());
        }
        int inner = perFeature ? 1 : x.size() / (x.dim(0) * features);
        double m = (double) x.dim(0) * inner;
        double[] xd = x.data();
        if (training) {
            if (unbiased && m < 2) {
                throw new IllegalArgumentException("BatchNormalization: the unbiased running variance needs at least"
                        + " 2 values per feature in a training batch, got input of shape " + x.shapeString());
            }
            java.util.Arrays.fill(mean, 0.0);
            java.util.Arrays.fill(var, 0.0);
            accumulate(xd, inner, mean, null);
            for (int f = 0; f < features; f++) {
                mean[f] /= m;
            }
            accumulate(xd, inner, var, mean);
            for (int f = 0; f < features; f++) {
                double sum = var[f];
                var[f] = sum / m;
                runningMean[f] = keep * runningMean[f] + take * mean[f];
                runningVar[f] = keep * runningVar[f] + take * (unbiased ? sum / (m - 1) : var[f]);
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
        int inner = axes == Axes.PER_FEATURE ? 1 : xhat.size() / (xhat.dim(0) * features);
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
     * The array is blocks of {@code inner} values (1 for N x D or per feature, H·W for images per
     * channel); block {@code k} belongs to feature {@code k mod F}, as in every loop of this class.
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

    /** The running variance as this layer keeps it (biased or unbiased), a copy. */
    public double[] runningVariance() {
        return runningVar == null ? new double[0] : runningVar.clone();
    }

    /** Which values share one mean and variance. */
    public Axes axes() {
        return axes;
    }

    /** The eps added to the variance under the square root. */
    public double eps() {
        return eps;
    }

    /** The weight of the old running value: {@code r ← momentum·r + (1 − momentum)·batch}. */
    public double momentum() {
        return keep;
    }

    /** Whether the running variance is the unbiased one (PyTorch's). */
    public boolean unbiasedRunningVariance() {
        return unbiased;
    }

    /** Where the running variance starts. */
    public double initialRunningVariance() {
        return initialVariance;
    }

    /** {@code BatchNormalization(100, momentum 0.9, eps 1.0E-6)}; {@code ?} features before a graph gives them. */
    @Override
    public String toString() {
        return "BatchNormalization(" + (gamma == null ? "?" : Integer.toString(features)) + ", momentum " + keep
                + ", eps " + eps + (unbiased ? ", unbiased" : "") + (axes == Axes.PER_FEATURE ? ", per feature" : "")
                + ")";
    }
}

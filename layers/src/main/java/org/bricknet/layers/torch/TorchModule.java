package org.bricknet.layers.torch;

import java.util.Locale;

/**
 * One module of a PyTorch {@code nn.Sequential}, as the user names the architecture of a
 * {@code state_dict} ({@link TorchSequential#load}). Sizes that the tensors hold (a
 * {@code Linear}'s in and out features, a {@code Conv2d}'s channels and kernel, a
 * {@code BatchNorm}'s features) are read from them; what they do not hold (stride, padding, kernel
 * of a pooling, dropout's p, BatchNorm's eps and momentum) is given here, with PyTorch's defaults.
 *
 * <p>Each becomes the brick that computes what PyTorch's module computes: {@code Linear} an
 * {@link org.bricknet.layers.Affine} (weights transposed: PyTorch stores {@code (out, in)}),
 * {@code Conv2d} a {@link org.bricknet.layers.Convolution} (the same {@code (out, in, kh, kw)}
 * layout), {@code MaxPool2d} a {@link org.bricknet.layers.MaxPooling}, {@code BatchNorm1d/2d} a
 * {@link org.bricknet.layers.BatchNormalization} in PyTorch's convention, {@code Dropout} an
 * inverted {@link org.bricknet.layers.Dropout}, and the activations and {@code Flatten} their
 * bricks.
 */
public final class TorchModule {
    /** The PyTorch modules understood. */
    public enum Kind {
        LINEAR("Linear", true),
        CONV2D("Conv2d", true),
        BATCH_NORM_1D("BatchNorm1d", true),
        BATCH_NORM_2D("BatchNorm2d", true),
        RELU("ReLU", false),
        SIGMOID("Sigmoid", false),
        TANH("Tanh", false),
        MAX_POOL_2D("MaxPool2d", false),
        FLATTEN("Flatten", false),
        DROPOUT("Dropout", false);

        private final String torchName;
        private final boolean hasTensors;

        Kind(String torchName, boolean hasTensors) {
            this.torchName = torchName;
            this.hasTensors = hasTensors;
        }

        /** PyTorch's class name, such as {@code Linear}. */
        public String torchName() {
            return torchName;
        }

        /** Whether the module has entries in a {@code state_dict}. */
        public boolean hasTensors() {
            return hasTensors;
        }
    }

    private final Kind kind;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final double p;
    private final double eps;
    private final double momentum;

    private TorchModule(Kind kind, int kernel, int stride, int padding, double p, double eps, double momentum) {
        this.kind = kind;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.p = p;
        this.eps = eps;
        this.momentum = momentum;
    }

    private static TorchModule plain(Kind kind) {
        return new TorchModule(kind, 0, 1, 0, 0, 0, 0);
    }

    /** {@code nn.Linear}: sizes from {@code weight (out, in)}; a missing {@code bias} (bias=False) is zero. */
    public static TorchModule linear() {
        return plain(Kind.LINEAR);
    }

    /** {@code nn.Conv2d(..., stride=1, padding=0)}. */
    public static TorchModule conv2d() {
        return conv2d(1, 0);
    }

    /** {@code nn.Conv2d(..., stride, padding)}; channels and kernel from {@code weight (out, in, kh, kw)}. */
    public static TorchModule conv2d(int stride, int padding) {
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException(
                    "TorchModule: Conv2d expects stride >= 1 and padding >= 0, got " + stride + " and " + padding);
        }
        return new TorchModule(Kind.CONV2D, 0, stride, padding, 0, 0, 0);
    }

    /** {@code nn.MaxPool2d(kernel)}: stride = kernel, no padding. */
    public static TorchModule maxPool2d(int kernel) {
        return maxPool2d(kernel, kernel, 0);
    }

    /** {@code nn.MaxPool2d(kernel, stride, padding)}. */
    public static TorchModule maxPool2d(int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("TorchModule: MaxPool2d expects kernel, stride >= 1 and padding >= 0,"
                    + " got " + kernel + ", " + stride + ", " + padding);
        }
        return new TorchModule(Kind.MAX_POOL_2D, kernel, stride, padding, 0, 0, 0);
    }

    /** {@code nn.BatchNorm1d(F)}: eps 1e-5, momentum 0.1. */
    public static TorchModule batchNorm1d() {
        return batchNorm(Kind.BATCH_NORM_1D, 1e-5, 0.1);
    }

    /** {@code nn.BatchNorm1d(F, eps, momentum)}. */
    public static TorchModule batchNorm1d(double eps, double momentum) {
        return batchNorm(Kind.BATCH_NORM_1D, eps, momentum);
    }

    /** {@code nn.BatchNorm2d(C)}: eps 1e-5, momentum 0.1. */
    public static TorchModule batchNorm2d() {
        return batchNorm(Kind.BATCH_NORM_2D, 1e-5, 0.1);
    }

    /** {@code nn.BatchNorm2d(C, eps, momentum)}. */
    public static TorchModule batchNorm2d(double eps, double momentum) {
        return batchNorm(Kind.BATCH_NORM_2D, eps, momentum);
    }

    private static TorchModule batchNorm(Kind kind, double eps, double momentum) {
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("TorchModule: " + kind.torchName
                    + " expects eps > 0 and momentum in [0, 1], got " + eps + " and " + momentum);
        }
        return new TorchModule(kind, 0, 1, 0, 0, eps, momentum);
    }

    public static TorchModule relu() {
        return plain(Kind.RELU);
    }

    public static TorchModule sigmoid() {
        return plain(Kind.SIGMOID);
    }

    public static TorchModule tanh() {
        return plain(Kind.TANH);
    }

    /** {@code nn.Flatten()}: {@code (N, ...)} to {@code (N, rest)}. */
    public static TorchModule flatten() {
        return plain(Kind.FLATTEN);
    }

    /** {@code nn.Dropout(p)}: PyTorch's inverted dropout; the identity in evaluation. */
    public static TorchModule dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("TorchModule: Dropout expects p in [0, 1), got " + p);
        }
        return new TorchModule(Kind.DROPOUT, 0, 1, 0, p, 0, 0);
    }

    public Kind kind() {
        return kind;
    }

    int kernel() {
        return kernel;
    }

    int stride() {
        return stride;
    }

    int padding() {
        return padding;
    }

    double p() {
        return p;
    }

    double eps() {
        return eps;
    }

    double momentum() {
        return momentum;
    }

    /** As PyTorch prints the module's options, e.g. {@code MaxPool2d(kernel_size=2, stride=2, padding=0)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case CONV2D -> "Conv2d(stride=" + stride + ", padding=" + padding + ")";
            case MAX_POOL_2D -> "MaxPool2d(kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding + ")";
            case BATCH_NORM_1D, BATCH_NORM_2D -> kind.torchName + "(eps=" + eps + ", momentum=" + momentum + ")";
            case DROPOUT -> String.format(Locale.ROOT, "Dropout(p=%s)", p);
            default -> kind.torchName + "()";
        };
    }
}

package org.bricknet.layers;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Shapes;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;

/**
 * The fully connected layer of the book: {@code y = x·W + b}.
 *
 * <p>Backward: {@code dW = xᵀ·dout}, {@code db = Σ_rows dout}, {@code dx = dout·Wᵀ} (skipped when
 * the input gradient is not needed).
 *
 * <p>Shape: input {@code (N, in)}, or {@code (N, ...)} with {@code in} values per example, read
 * as {@code (N, in)} as the book's {@code reshape} does, its gradient given back in the input's
 * shape; output {@code (N, out)}; parameters {@code W (in, out)} and {@code b (out,)}. In a
 * {@link org.bricknet.core.Graph}, {@code new Affine(out, init)} takes {@code in} from its input.
 *
 * <p>The forward and backward passes come first below; the constructors and the graph's sizing
 * after them.
 */
public final class Affine implements Layer {
    private final int outSize;
    private final WeightInit init;
    private Parameter w;
    private Parameter b;
    private boolean inputGradientNeeded = true;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x) {
        requireBuilt();
        if (x.rank() < 2 || x.cols() != in()) {
            throw new IllegalArgumentException("Affine: expected input of shape (N, " + in() + ") or (N, ...) with "
                    + in() + " values per row, got " + x.shapeString());
        }
        this.x = x;
        y = Tensor.reuse(y, x.rows(), out());
        Ops.fillRows(y, b.value()); // y = b on every row,
        Ops.multAdd(x, w.value(), y); // then y += x·W
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Shapes.requireForward("Affine", x);
        Shapes.requireMatrix("Affine", "output gradient", x.rows(), out(), dout);
        Ops.multTransA(x, dout, w.grad()); // dW = xᵀ·dout
        Ops.sumCols(dout, b.grad()); // db = Σ_rows dout
        if (!inputGradientNeeded) {
            return null;
        }
        dx = Tensor.reuse(dx, x);
        Ops.multTransB(dout, w.value(), dx); // dx = dout·Wᵀ
        return dx;
    }

    /** A layer over the given weights {@code (in, out)} and bias {@code (out)}; not copied. */
    public Affine(Tensor weights, Tensor bias) {
        if (weights.rank() != 2) {
            throw new IllegalArgumentException(
                    "Affine: expected weights of shape (in, out), got " + weights.shapeString());
        }
        Shapes.requireShape("Affine", "bias", new int[] {weights.dim(1)}, bias);
        this.w = new Parameter("W", weights);
        this.b = new Parameter("b", bias);
        this.outSize = weights.dim(1);
        this.init = null;
    }

    /**
     * {@code out} outputs, the input size left to the {@link org.bricknet.core.Graph} that holds the
     * layer: its weights are drawn by {@code init} when the graph is built.
     */
    public Affine(int out, WeightInit init) {
        if (out < 1) {
            throw new IllegalArgumentException("Affine: expected at least one output, got " + out);
        }
        this.outSize = out;
        this.init = Objects.requireNonNull(init, "Affine: expected a weight initialisation, got null");
    }

    /** Weights drawn from N(0, std²) with {@code random}, bias zero. */
    public Affine(int in, int out, double std, Random random) {
        this(Tensor.randn(random, std, in, out), Tensor.zeros(out));
    }

    /** Weights drawn by {@code init} with fan-in {@code in} (e.g. He: std √(2/in)), bias zero. */
    public Affine(int in, int out, WeightInit init, Random random) {
        this(init.sample(random, in, in, out), Tensor.zeros(out));
    }

    /** Draws the weights of an {@code Affine(out, init)} once the input's size is known. */
    @Override
    public void build(int[][] inputShapes, Random random) {
        if (w != null) {
            return;
        }
        if (inputShapes == null) {
            throw new IllegalStateException(
                    "Affine(" + outSize + ") needs the number of its input values to create" + " its weights");
        }
        if (random == null) {
            throw new IllegalStateException("Affine(" + outSize + ") needs a Random to draw its weights; build the"
                    + " graph with build(random)");
        }
        int in = 1;
        for (int d : inputShapes[0]) {
            in *= d;
        }
        this.w = new Parameter("W", init.sample(random, in, in, outSize));
        this.b = new Parameter("b", Tensor.zeros(outSize));
    }

    /** {@code (out,)} for an input of {@code in} values per example. */
    @Override
    public int[][] outputShapes(int[][] inputShapes) {
        int values = 1;
        for (int d : inputShapes[0]) {
            values *= d;
        }
        if (w != null && values != in()) {
            throw new IllegalArgumentException(
                    "expected " + in() + " values per example, got " + Tensor.shapeString(inputShapes[0]));
        }
        return new int[][] {{outSize}};
    }

    @Override
    public List<Parameter> parameters() {
        return w == null ? List.of() : List.of(w, b);
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
    }

    public Parameter weights() {
        requireBuilt();
        return w;
    }

    public Parameter bias() {
        requireBuilt();
        return b;
    }

    /** The number of outputs. */
    public int outputSize() {
        return outSize;
    }

    private void requireBuilt() {
        if (w == null) {
            throw new IllegalStateException(
                    "Affine(" + outSize + "): its weights are created when a graph holding it" + " is built");
        }
    }

    private int in() {
        return w.value().dim(0);
    }

    private int out() {
        return outSize;
    }

    /** How the weights of an {@code Affine(out, init)} are drawn; null for a layer built over given weights. */
    public WeightInit init() {
        return init;
    }

    /** {@code Affine(784 → 50)}; {@code Affine(? → 50)} before a graph gives it its input size. */
    @Override
    public String toString() {
        return "Affine(" + (w == null ? "?" : Integer.toString(in())) + " → " + outSize + ")";
    }
}

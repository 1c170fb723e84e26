package org.bricknet.core.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.Tolerance;

/**
 * What every {@link Layer} must do, as jqwik properties a test inherits. Extend it in your test
 * sources, say how to build your layer and which input shapes it takes, and jqwik runs, over
 * generated shapes, inputs, seeds and training/evaluation mode:
 *
 * <ol>
 *   <li>{@code backwardMatchesNumericalGradient}: {@link GradientCheck#assertLayer} on the input and
 *       every parameter, in {@link #checkMode()} with {@link #tolerance()};
 *   <li>{@code wrongShapesAreRejected}: each of {@link #wrongInputShapes} makes forward throw an
 *       {@link IllegalArgumentException} whose message names the layer ({@link #layerName(Layer)}) and the
 *       shape it got; so does an output gradient of the wrong shape given to backward;
 *   <li>{@code forwardDoesNotModifyItsInput}: bit for bit;
 *   <li>{@code backwardTwiceGivesTheSameResult}: two backward calls after one forward give the same
 *       input gradient and parameter gradients (no accumulating into {@code grad}, no consumed cache);
 *   <li>{@code sameSeedGivesTheSameOutput}: two layers built from equal seeds give the same output.
 * </ol>
 *
 * <pre>{@code
 * class SwishTest extends LayerContract {
 *     protected Layer create(int[] inputShape, Random random) { return new Swish(); }
 *     protected Arbitrary<int[]> inputShapes() { return Tensors.matrixShapes(8, 16); }
 * }
 * }</pre>
 *
 * <h2>Writing a layer's test on the contract</h2>
 * <ol>
 *   <li>Make the layer's test {@code class FooTest extends LayerContract} (its hand-worked
 *       examples stay in it), with {@link #create} (build the layer for that input shape, drawing every random number,
 *       weights and masks alike, from the {@code Random} given) and {@link #inputShapes}.
 *   <li>If the function has kinks, override {@link #inputs} to keep away from them, e.g.
 *       {@code Tensors.ofShape(s).awayFrom(0.1, 0.0)}; for max-pooling, generate inputs without ties.
 *   <li>If the layer accepts every shape (element-wise layers), override {@link #wrongInputShapes}
 *       to return an empty list; if it accepts some changed axes (convolution: any height and width),
 *       return only the shapes it must reject.
 *   <li>A big layer can override {@link #checkMode()} (e.g. {@code CheckMode.subset(20, 1)});
 *       {@link #tolerance()} stays the default unless the measured numbers say otherwise.
 *   <li>Add the layer's hand-worked forward and backward example beside the inherited properties.
 * </ol>
 * Hints from bricknet's own bricks: Dropout must take its {@code Random} from {@link #create}
 * (the seed property fails otherwise) and declare {@link Layer#isStochastic()} in training;
 * BatchNormalization in training needs a batch of at least 2 unless the test is about the batch of
 * one (its variance is then 0): use {@code Tensors.shapes(8, d)} filtered to {@code s[0] >= 2};
 * max-pooling needs inputs without ties inside a window (the default 6 decimals make ties rare; a
 * {@code filter} on the tensor makes them impossible); convolution accepts any height and width, so
 * its {@link #wrongInputShapes} is the channel axis made one longer. Every layer's backward must
 * reject an output gradient of the wrong shape, as {@code Shapes.requireSame} does.
 * Each property runs 100 tries; annotate the subclass with jqwik's
 * {@code @PropertyDefaults(tries = 20)} for fewer (a big layer) or more. The seed is fixed
 * ({@link #SEED}) so that every run generates the same cases and a failure reproduces.
 *
 * <p>Stochastic layers (Dropout) are checked with their draw held ({@link Layer#holdRandomDraw}),
 * which {@link GradientCheck} does for any layer that declares {@link Layer#isStochastic()}.
 */
@PropertyDefaults(tries = 100)
public abstract class LayerContract {
    /** The contracts' fixed jqwik seed; the test-jar's {@code Seeds.FIXED} is the same. */
    public static final String SEED = "20261123";

    /** The layer under test, built for inputs of {@code inputShape}, drawing all randomness from {@code random}. */
    protected abstract Layer create(int[] inputShape, Random random);

    /** The input shapes the layer accepts (batch first). */
    protected abstract Arbitrary<int[]> inputShapes();

    /** Inputs of one shape; by default elements in [-2, 2]. Override to keep away from kinks. */
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Tensors.ofShape(shape);
    }

    /**
     * Shapes that a layer built for {@code accepted} must reject. By default each axis after the
     * batch made one longer; an element-wise layer returns an empty list.
     */
    protected List<int[]> wrongInputShapes(int[] accepted) {
        List<int[]> wrong = new ArrayList<>();
        for (int axis = 1; axis < accepted.length; axis++) {
            int[] s = accepted.clone();
            s[axis]++;
            wrong.add(s);
        }
        return wrong;
    }

    /** The name the layer's error messages start with; by default the class's simple name. */
    protected String layerName(Layer layer) {
        return layer.getClass().getSimpleName();
    }

    /** How much of each tensor the gradient property compares; every element by default. */
    protected CheckMode checkMode() {
        return CheckMode.full();
    }

    /** The pass rule of the gradient property; {@link Tolerance#DEFAULT} unless measured otherwise. */
    protected Tolerance tolerance() {
        return Tolerance.DEFAULT;
    }

    /** Every generated input: a shape from {@link #inputShapes}, then values from {@link #inputs}. */
    @Provide
    public Arbitrary<Tensor> contractInputs() {
        return inputShapes().flatMap(this::inputs);
    }

    @Property(seed = SEED)
    public void backwardMatchesNumericalGradient(
            @ForAll("contractInputs") Tensor x, @ForAll long seed, @ForAll boolean training) {
        Layer layer = build(x, seed, training);
        ContractChecks.gradient(layer, new Tensor[] {x}, seed, checkMode(), tolerance(), layerName(layer));
    }

    @Property(seed = SEED)
    public void wrongShapesAreRejected(@ForAll("contractInputs") Tensor x, @ForAll long seed) {
        Layer layer = build(x, seed, true);
        List<int[][]> wrong =
                wrongInputShapes(x.shape()).stream().map(s -> new int[][] {s}).toList();
        ContractChecks.wrongShapes(layer, layerName(layer), new Tensor[] {x}, wrong);
    }

    @Property(seed = SEED)
    public void forwardDoesNotModifyItsInput(
            @ForAll("contractInputs") Tensor x, @ForAll long seed, @ForAll boolean training) {
        ContractChecks.forwardLeavesInputs(build(x, seed, training), new Tensor[] {x});
    }

    @Property(seed = SEED)
    public void backwardTwiceGivesTheSameResult(
            @ForAll("contractInputs") Tensor x, @ForAll long seed, @ForAll boolean training) {
        ContractChecks.backwardTwice(build(x, seed, training), new Tensor[] {x}, seed);
    }

    @Property(seed = SEED)
    public void sameSeedGivesTheSameOutput(
            @ForAll("contractInputs") Tensor x, @ForAll long seed, @ForAll boolean training) {
        ContractChecks.sameSeed(
                r -> {
                    Layer layer = create(x.shape(), r);
                    layer.setTraining(training);
                    return layer;
                },
                new Tensor[] {x},
                seed);
    }

    private Layer build(Tensor x, long seed, boolean training) {
        Layer layer = create(x.shape(), new Random(seed));
        layer.setTraining(training);
        return layer;
    }
}

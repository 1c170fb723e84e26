package org.bricknet.core.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.Tolerance;

/**
 * What every {@link Brick} of one or more inputs must do, as jqwik properties a test inherits: the
 * {@link LayerContract} for bricks that join or part tensors ({@code Add}, {@code Concat},
 * {@code Split}, {@code Multiply}, a graph). Over generated input shapes, inputs, seeds and
 * training/evaluation mode: backward matches central differences for every input and parameter;
 * wrong input shapes (and a wrong output gradient) are refused with a message naming the brick and
 * the shape; forward leaves its inputs alone; two backward calls agree; equal seeds give equal
 * outputs.
 *
 * <pre>{@code
 * class AddTest extends BrickContract {
 *     protected Brick create(int[][] inputShapes, Random random) { return new Add(); }
 *     protected Arbitrary<int[][]> inputShapes() {
 *         return Tensors.shapes(1, 4, 6).map(s -> new int[][] {s, s, s});   // three inputs of one shape
 *     }
 * }
 * }</pre>
 */
@PropertyDefaults(tries = 100)
public abstract class BrickContract {
    /** The contracts' fixed jqwik seed, as {@link LayerContract#SEED}. */
    public static final String SEED = LayerContract.SEED;

    /** The brick under test, built for inputs of these shapes, drawing all randomness from {@code random}. */
    protected abstract Brick create(int[][] inputShapes, Random random);

    /** The input shapes the brick accepts together (batch first, one array per input). */
    protected abstract Arbitrary<int[][]> inputShapes();

    /** Values for one input of one shape; by default elements in [-2, 2]. Override to keep away from kinks. */
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Tensors.ofShape(shape);
    }

    /**
     * Sets of input shapes a brick built for {@code accepted} must refuse. By default: for each input,
     * each axis after the batch made one longer, the other inputs unchanged.
     */
    protected List<int[][]> wrongInputShapes(int[][] accepted) {
        List<int[][]> wrong = new ArrayList<>();
        for (int i = 0; i < accepted.length; i++) {
            for (int axis = 1; axis < accepted[i].length; axis++) {
                int[][] s = new int[accepted.length][];
                for (int j = 0; j < s.length; j++) {
                    s[j] = accepted[j].clone();
                }
                s[i][axis]++;
                wrong.add(s);
            }
        }
        return wrong;
    }

    /** The name the brick's error messages start with; by default the class's simple name. */
    protected String brickName(Brick brick) {
        return brick.getClass().getSimpleName();
    }

    /** How much of each tensor the gradient property compares; every element by default. */
    protected CheckMode checkMode() {
        return CheckMode.full();
    }

    /** The pass rule of the gradient property; {@link Tolerance#DEFAULT} unless measured otherwise. */
    protected Tolerance tolerance() {
        return Tolerance.DEFAULT;
    }

    /** Every generated set of inputs: shapes from {@link #inputShapes}, then values from {@link #inputs}. */
    @Provide
    public Arbitrary<Tensor[]> contractInputs() {
        return inputShapes().flatMap(shapes -> {
            List<Arbitrary<Tensor>> each = new ArrayList<>();
            for (int[] s : shapes) {
                each.add(inputs(s));
            }
            return combine(each, 0, new Tensor[shapes.length]);
        });
    }

    private static Arbitrary<Tensor[]> combine(List<Arbitrary<Tensor>> each, int i, Tensor[] into) {
        if (i == each.size()) {
            return Arbitraries.just(into.clone());
        }
        return each.get(i).flatMap(t -> {
            Tensor[] next = into.clone();
            next[i] = t;
            return combine(each, i + 1, next);
        });
    }

    @Property(seed = SEED)
    public void backwardMatchesNumericalGradient(
            @ForAll("contractInputs") Tensor[] xs, @ForAll long seed, @ForAll boolean training) {
        Brick brick = build(xs, seed, training);
        ContractChecks.gradient(brick, xs, seed, checkMode(), tolerance(), brickName(brick));
    }

    @Property(seed = SEED)
    public void wrongShapesAreRejected(@ForAll("contractInputs") Tensor[] xs, @ForAll long seed) {
        Brick brick = build(xs, seed, true);
        ContractChecks.wrongShapes(brick, brickName(brick), xs, wrongInputShapes(shapes(xs)));
    }

    @Property(seed = SEED)
    public void forwardDoesNotModifyItsInputs(
            @ForAll("contractInputs") Tensor[] xs, @ForAll long seed, @ForAll boolean training) {
        ContractChecks.forwardLeavesInputs(build(xs, seed, training), xs);
    }

    @Property(seed = SEED)
    public void backwardTwiceGivesTheSameResult(
            @ForAll("contractInputs") Tensor[] xs, @ForAll long seed, @ForAll boolean training) {
        ContractChecks.backwardTwice(build(xs, seed, training), xs, seed);
    }

    @Property(seed = SEED)
    public void sameSeedGivesTheSameOutput(
            @ForAll("contractInputs") Tensor[] xs, @ForAll long seed, @ForAll boolean training) {
        ContractChecks.sameSeed(r -> configured(create(shapes(xs), r), training), xs, seed);
    }

    private Brick build(Tensor[] xs, long seed, boolean training) {
        return configured(create(shapes(xs), new Random(seed)), training);
    }

    private static Brick configured(Brick brick, boolean training) {
        brick.setTraining(training);
        return brick;
    }

    private static int[][] shapes(Tensor[] xs) {
        int[][] s = new int[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            s[i] = xs[i].shape();
        }
        return s;
    }
}

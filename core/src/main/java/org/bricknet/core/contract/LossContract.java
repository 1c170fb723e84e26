package org.bricknet.core.contract;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import org.bricknet.core.LossLayer;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.Tolerance;

/**
 * What every {@link LossLayer} must do, as jqwik properties a test inherits: the loss variant of
 * {@link LayerContract}. Give a factory, the score shapes it accepts and targets for a score
 * shape; jqwik then checks, over generated scores and seeds:
 *
 * <ol>
 *   <li>{@code backwardMatchesNumericalGradient}: {@link GradientCheck#assertLoss} on dL/dscores;
 *   <li>{@code wrongShapesAreRejected}: scores of each of {@link #wrongScoreShapes} make
 *       {@code loss} throw an {@link IllegalArgumentException} naming the layer and the shape;
 *   <li>{@code lossDoesNotModifyItsArguments}: scores and targets are unchanged, bit for bit;
 *   <li>{@code backwardTwiceGivesTheSameResult}: two backward calls after one loss agree;
 *   <li>{@code sameSeedGivesTheSameLoss}: two loss layers built from equal seeds give the same loss
 *       and the same forward output.
 * </ol>
 *
 * To move a loss onto it: make its test {@code class FooTest extends LossContract} with
 * {@link #create}, {@link #scoreShapes} and {@link #targets}; drop the loss's own gradient property,
 * keep its hand-worked example in the same class. Seed and tries as in {@link LayerContract}.
 */
@PropertyDefaults(tries = 100)
public abstract class LossContract {

    /** The loss layer under test, drawing any randomness from {@code random}. */
    protected abstract LossLayer create(Random random);

    /** The score shapes the loss accepts, such as {@code (N, K)}. */
    protected abstract Arbitrary<int[]> scoreShapes();

    /** Valid targets for scores of {@code scoreShape}, drawn from {@code random}. */
    protected abstract Tensor targets(int[] scoreShape, Random random);

    /** Scores of one shape; by default elements in [-3, 3]. */
    protected Arbitrary<Tensor> scores(int[] shape) {
        return Tensors.ofShape(shape).between(-3, 3);
    }

    /** Score shapes the loss must reject: by default the accepted shape with an extra axis of 1. */
    protected List<int[]> wrongScoreShapes(int[] accepted) {
        int[] s = java.util.Arrays.copyOf(accepted, accepted.length + 1);
        s[accepted.length] = 1;
        return List.of(s);
    }

    /** How much of the scores' gradient is compared; every element by default. */
    protected CheckMode checkMode() {
        return CheckMode.full();
    }

    protected Tolerance tolerance() {
        return Tolerance.DEFAULT;
    }

    @Provide
    public Arbitrary<Tensor> contractScores() {
        return scoreShapes().flatMap(this::scores);
    }

    @Property(seed = LayerContract.SEED)
    public void backwardMatchesNumericalGradient(@ForAll("contractScores") Tensor scores, @ForAll long seed) {
        GradientCheck.assertLoss(
                create(new Random(seed)), scores, targets(scores.shape(), new Random(seed)), checkMode(), tolerance());
    }

    @Property(seed = LayerContract.SEED)
    public void wrongShapesAreRejected(@ForAll("contractScores") Tensor scores, @ForAll long seed) {
        LossLayer loss = create(new Random(seed));
        Tensor targets = targets(scores.shape(), new Random(seed));
        String name = loss.getClass().getSimpleName();
        for (int[] wrong : wrongScoreShapes(scores.shape())) {
            Tensor bad = Tensor.zeros(wrong);
            Same.rejects(
                    name + ".loss of scores of shape " + bad.shapeString(),
                    () -> loss.loss(bad, targets),
                    name,
                    bad.shapeString());
        }
    }

    @Property(seed = LayerContract.SEED)
    public void lossDoesNotModifyItsArguments(@ForAll("contractScores") Tensor scores, @ForAll long seed) {
        Tensor targets = targets(scores.shape(), new Random(seed));
        Tensor s0 = scores.copy();
        Tensor t0 = targets.copy();
        LossLayer loss = create(new Random(seed));
        loss.loss(scores, targets);
        loss.forward(scores);
        Same.tensor("scores after loss and forward", s0, scores);
        Same.tensor("targets after loss", t0, targets);
    }

    @Property(seed = LayerContract.SEED)
    public void backwardTwiceGivesTheSameResult(@ForAll("contractScores") Tensor scores, @ForAll long seed) {
        LossLayer loss = create(new Random(seed));
        loss.loss(scores, targets(scores.shape(), new Random(seed)));
        Tensor first = loss.backward().copy();
        Same.tensor("gradient of the second backward", first, loss.backward());
    }

    @Property(seed = LayerContract.SEED)
    public void sameSeedGivesTheSameLoss(@ForAll("contractScores") Tensor scores, @ForAll long seed) {
        Tensor targets = targets(scores.shape(), new Random(seed));
        LossLayer a = create(new Random(seed));
        LossLayer b = create(new Random(seed));
        Same.tensor(
                "loss of a second layer built from the same seed",
                Tensor.vector(a.loss(scores, targets)),
                Tensor.vector(b.loss(scores, targets)));
        Same.tensor("forward of a second layer built from the same seed", a.forward(scores), b.forward(scores));
    }
}

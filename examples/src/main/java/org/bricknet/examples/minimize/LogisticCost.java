package org.bricknet.examples.minimize;

import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.layers.Affine;
import org.bricknet.losses.SigmoidWithLoss;
import org.bricknet.optim.minimize.DifferentiableFunction;
import org.bricknet.optim.minimize.NetworkFunction;

/**
 * The cost of logistic regression, built from the bricks: an {@link Affine} layer {@code (D, 1)}
 * computing {@code z = x·w + b}, a {@link SigmoidWithLoss} (mean binary cross-entropy on the logits,
 * {@code p = σ(z)}) and the network's weight decay, seen through {@link NetworkFunction} as a
 * {@link DifferentiableFunction} of {@code (w, b)} laid end to end ({@code D + 1} values):
 * <pre>
 *   cost = (1/N)·Σₙ [−t·log p − (1 − t)·log(1 − p)] + λ·Σ w²
 * </pre>
 * The network's decay is {@code ½·λ'·Σw²}, so {@code λ' = 2λ}; it leaves the bias alone.
 */
public final class LogisticCost implements DifferentiableFunction {
    private final Network net;
    private final NetworkFunction fn;
    private final int d;

    /** The cost on inputs {@code x} {@code (N, D)}, 0/1 targets {@code t} {@code (N)} and L2 weight λ. */
    public LogisticCost(Tensor x, double[] t, double lambda) {
        if (x.rank() != 2 || x.rows() != t.length) {
            throw new IllegalArgumentException(
                    "LogisticCost: expected inputs (N, D) and N targets, got " + x.shapeString() + " and " + t.length);
        }
        this.d = x.cols();
        this.net = new Network()
                .add("Affine1", new Affine(Tensor.zeros(d, 1), Tensor.zeros(1)))
                .withLoss(new SigmoidWithLoss())
                .withWeightDecay(2 * lambda);
        this.fn = new NetworkFunction(net, x, Tensor.of(t.clone(), t.length, 1));
    }

    /** {@code D + 1}: the weights, then the bias. */
    public int dimension() {
        return d + 1;
    }

    /** {@code p = σ(x·w + b)} for each row of {@code inputs}, with {@code wb = (w, b)}. */
    public double[] probabilities(double[] wb, Tensor inputs) {
        fn.setParameters(wb);
        return net.lossLayer().forward(net.predict(inputs)).data().clone();
    }

    @Override
    public double valueAndGradient(double[] wb, double[] gradient) {
        return fn.valueAndGradient(wb, gradient);
    }
}

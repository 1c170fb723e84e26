package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.bricknet.core.Layer;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.contract.Tensors;

/**
 * BatchNormalization under the layer contract, on (N, D) and on (N, C, H, W), in training (batch
 * statistics) and in evaluation (running statistics, set by one training step in {@link #create}).
 * The batch is at least 2, and each feature's values are spread so that its batch variance stays
 * far above eps (see {@link #spread}).
 */
@PropertyDefaults(tries = 60)
class BatchNormalizationContractTest extends LayerContract {
    private static final double EPS = 1e-6;

    @Override
    protected Layer create(int[] inputShape, Random random) {
        int features = inputShape[1];
        BatchNormalization bn = new BatchNormalization(Tensor.uniform(random, 0.5, 2, features),
                Tensor.randn(random, 1.0, features), 0.9, EPS);
        bn.forward(spread(random, inputShape)); // running statistics away from their start (0, 1)
        return bn;
    }

    @Override
    protected Arbitrary<int[]> inputShapes() {
        Arbitrary<int[]> images = Tensors.shapes(4, 4, 3);
        return Arbitraries.oneOf(Tensors.matrixShapes(8, 6), images).filter(s -> s[0] >= 2);
    }

    @Override
    protected Arbitrary<Tensor> inputs(int[] shape) {
        return Arbitraries.longs().map(seed -> spread(new Random(seed), shape));
    }

    /** Any height and width is right; only the feature axis must match the layer. */
    @Override
    protected List<int[]> wrongInputShapes(int[] accepted) {
        int[] s = accepted.clone();
        s[1]++;
        return List.of(s);
    }

    /**
     * Each feature (axis 1) gets its M values from a shuffled ladder {@code k + U(0, 0.5)},
     * k = 0..M−1, centred and divided by M/2 (so spread over about [−1, 1]), then given its own
     * scale in [0.5, 3) and shift in [−2, 2). A feature's batch variance thus stays far above eps:
     * as it shrinks towards eps, x̂ tends to a step function of x (for M = 2 it is ±1 except
     * within about √eps of a tie), whose curvature would swamp the central difference.
     */
    static Tensor spread(Random r, int... shape) {
        Tensor x = Tensor.zeros(shape);
        int f = shape[1];
        int inner = x.size() / (shape[0] * f);
        int m = shape[0] * inner;
        double[] d = x.data();
        for (int c = 0; c < f; c++) {
            double scale = 0.5 + 2.5 * r.nextDouble();
            double shift = -2 + 4 * r.nextDouble();
            int[] order = new int[m];
            for (int k = 0; k < m; k++) {
                int j = r.nextInt(k + 1); // Fisher-Yates, inside out
                order[k] = order[j];
                order[j] = k;
            }
            for (int k = 0; k < m; k++) {
                int i = ((k / inner) * f + c) * inner + k % inner;
                d[i] = shift + scale * (order[k] + 0.5 * r.nextDouble() - m / 2.0) / Math.max(1, m / 2.0);
            }
        }
        return x;
    }
}

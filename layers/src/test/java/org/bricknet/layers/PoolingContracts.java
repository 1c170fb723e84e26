package org.bricknet.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.bricknet.core.Tensor;
import org.bricknet.core.contract.Tensors;

/**
 * What MaxPoolingTest and AvgPoolingTest share under the layer contract: shapes, window geometry
 * and the shapes they reject.
 */
final class PoolingContracts {
    private PoolingContracts() {}

    /** (N, C, H, W) with N, C in 1..3 and H, W in 1..6. */
    static Arbitrary<int[]> imageShapes() {
        return Tensors.shapes(4, 4, 6).filter(s -> s[0] <= 3 && s[1] <= 3);
    }

    /** {kh, kw, stride, pad} drawn from {@code random}: windows 1 to 3, stride 1 or 2, pad 0 or 1, fitting the image. */
    static int[] window(int[] inputShape, Random random) {
        int stride = 1 + random.nextInt(2);
        int pad = random.nextInt(2);
        int kh = fit(1 + random.nextInt(3), inputShape[2], pad);
        int kw = fit(1 + random.nextInt(3), inputShape[3], pad);
        return new int[] {kh, kw, stride, pad};
    }

    /** Pooling takes any channels, height and width; what it rejects is an input that is not (N, C, H, W). */
    static List<int[]> wrongInputShapes(int[] accepted) {
        return List.of(new int[] {accepted[0], accepted[1], accepted[2] * accepted[3]});
    }

    /**
     * Tensors of {@code shape} holding a shuffle of n distinct values evenly spaced over [−2, 2]
     * (gaps of 4/n, a thousand times the step 1e-5 for n up to 400): no ties, so no kink of a
     * maximum within a central difference.
     */
    static Arbitrary<Tensor> distinctValues(int[] shape) {
        int n = Tensor.zeros(shape).size();
        List<Double> ladder = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ladder.add(-2 + 4 * (i + 0.5) / n);
        }
        return Arbitraries.shuffle(ladder).map(values -> {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = values.get(i);
            }
            return Tensor.of(d, shape);
        });
    }

    /** A window size that fits the padded input; at least pad + 1 so that the padding is legal. */
    private static int fit(int k, int size, int pad) {
        return Math.max(Math.min(k, size + 2 * pad), pad + 1);
    }
}

package org.bricknet.layers;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
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

    /** A window size that fits the padded input; at least pad + 1 so that the padding is legal. */
    private static int fit(int k, int size, int pad) {
        return Math.max(Math.min(k, size + 2 * pad), pad + 1);
    }
}

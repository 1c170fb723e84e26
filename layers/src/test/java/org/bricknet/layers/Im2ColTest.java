package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Patches;
import org.bricknet.core.testing.Seeds;
import org.junit.jupiter.api.Test;

class Im2ColTest {

    @Test
    void columnsByHand() {
        // 3x3 image 1..9, 2x2 kernel, stride 1, pad 0: row (i, j) lists x[y + i, x + j] over the 2x2 outputs
        Tensor img = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Patches g = Im2Col.geometry("test", img, 1, 2, 2, 1, 0);
        double[] col = new double[g.patchSize() * g.outputSize()];
        Im2Col.im2col(g, img.data(), 0, col, 0);
        assertArrayEquals(new double[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, col);
    }

    /** col2im is the adjoint of im2col: ⟨im2col(a), b⟩ = ⟨a, col2im(b)⟩ for every a and b. */
    @Property(tries = 60, seed = Seeds.FIXED)
    void col2imIsTheAdjointOfIm2col(
            @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 7) int h,
            @ForAll @IntRange(min = 1, max = 7) int w,
            @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll @IntRange(min = 1, max = 3) int stride,
            @ForAll @IntRange(min = 0, max = 2) int pad,
            @ForAll long seed) {
        Random r = new Random(seed);
        Tensor a = Tensor.randn(r, 1.0, 1, c, h, w);
        int kh = Math.min(k, h + 2 * pad);
        int kw = Math.min(k, w + 2 * pad);
        Patches g = Im2Col.geometry("test", a, c, kh, kw, stride, pad);
        double[] col = new double[g.patchSize() * g.outputSize()];
        Im2Col.im2col(g, a.data(), 0, col, 0);
        double[] b = Tensor.randn(r, 1.0, col.length).data();
        double[] back = new double[a.size()];
        Im2Col.col2im(g, b, 0, back, 0);
        double left = 0;
        double magnitude = 0;
        for (int i = 0; i < col.length; i++) {
            left += col[i] * b[i];
            magnitude += Math.abs(col[i] * b[i]);
        }
        double right = 0;
        for (int i = 0; i < back.length; i++) {
            right += a.data()[i] * back[i];
        }
        // both sums hold the same products in another order: they differ by rounding only, at most
        // about 2·n·ε·Σ|products| for n terms (a wrong index moves them by whole products instead)
        assertEquals(left, right, 2 * col.length * Math.ulp(1.0) * magnitude);
    }
}

package org.bricknet.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/** Examples held as bytes give, batch by batch, exactly the doubles that scaling them all at once gives. */
class DatasetTest {
    private static final int N = 37;
    private static final int H = 5;
    private static final int W = 7;

    private static byte[] pixels(long seed) {
        byte[] b = new byte[N * H * W];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static int[] labels() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = i % 10;
        }
        return y;
    }

    /** The same pixels scaled once, as the data sets were held before: (b & 0xff) / 255.0. */
    private static Dataset asDoubles(byte[] px) {
        double[] x = new double[px.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (px[i] & 0xff) / 255.0;
        }
        return new Dataset(Tensor.of(x, N, H * W), labels(), 10);
    }

    @Test
    void byteHeldBatchesAreTheScaledDoublesBitForBit() {
        byte[] px = pixels(1);
        Dataset bytes = Dataset.images(px, 1, H, W, labels(), 10);
        Dataset doubles = asDoubles(px);
        assertTrue(bytes.heldAsBytes());
        assertEquals(px.length, bytes.heldBytes());
        assertEquals(8L * px.length, doubles.heldBytes());
        for (int batch : new int[] {1, 4, 10, N}) {
            MiniBatches a = new MiniBatches(bytes, batch);
            MiniBatches b = new MiniBatches(doubles, batch);
            a.shuffle(new Random(3));
            b.shuffle(new Random(3));
            for (int i = 0; i < a.count(); i++) {
                assertArrayEquals(b.get(i).x().data(), a.get(i).x().data(), 0.0);
                assertArrayEquals(b.get(i).t().data(), a.get(i).t().data(), 0.0);
            }
        }
        assertArrayEquals(doubles.inputs().data(), bytes.inputs().data(), 0.0);
        assertArrayEquals(
                doubles.slice(3, 9).inputs().data(), bytes.slice(3, 9).inputs().data(), 0.0);
    }

    @Test
    void imagesKnowTheirGeometryFlatOrNot() {
        Dataset d = Dataset.images(pixels(2), 1, H, W, labels(), 10);
        assertArrayEquals(new int[] {H * W}, d.exampleShape());
        assertArrayEquals(new int[] {1, H, W}, d.imageShape());
        Dataset images = d.asImages();
        assertArrayEquals(new int[] {1, H, W}, images.exampleShape());
        assertArrayEquals(
                new int[] {4, 1, H, W}, new MiniBatches(images, 4).get(0).x().shape());
        assertArrayEquals(new int[] {1, H, W}, images.flat().imageShape());
        assertArrayEquals(new int[] {1, H, W}, d.slice(0, 2).imageShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.asImages(1, W, H));
        assertEquals("Dataset: the examples are images of (1, 5, 7), not (1, 7, 5)", e.getMessage());
        Dataset plain = new Dataset(Tensor.zeros(2, 6), new int[] {0, 1}, 2);
        assertNull(plain.imageShape());
        assertThrows(IllegalArgumentException.class, plain::asImages);
        assertArrayEquals(new int[] {1, 2, 3}, plain.asImages(1, 2, 3).imageShape());
    }

    @Test
    void theFingerprintFollowsTheDataNotTheView() {
        Dataset d = Dataset.images(pixels(4), 1, H, W, labels(), 10);
        assertEquals(
                d.fingerprint(),
                Dataset.images(pixels(4), 1, H, W, labels(), 10).fingerprint());
        assertEquals(d.fingerprint(), d.asImages().fingerprint());
        assertTrue(d.fingerprint().startsWith("37 examples of (1, 5, 7) bytes, 10 classes, crc32c "), d.fingerprint());
        assertNotEquals(
                d.fingerprint(),
                Dataset.images(pixels(5), 1, H, W, labels(), 10).fingerprint());
        int[] other = labels();
        other[0] = 9;
        assertNotEquals(
                d.fingerprint(), Dataset.images(pixels(4), 1, H, W, other, 10).fingerprint());
        assertNotEquals(
                d.fingerprint(),
                Dataset.images(pixels(4), 1, W, H, labels(), 10).fingerprint());
    }
}

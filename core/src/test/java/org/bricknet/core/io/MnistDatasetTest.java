package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.junit.jupiter.api.Test;

class MnistDatasetTest {

    @Test
    void pixelsAreScaledAndLabelsRead() {
        Idx.Array images = new Idx.Array(new int[] {2, 1, 2}, new byte[] {0, (byte) 255, 51, 102});
        Idx.Array labels = new Idx.Array(new int[] {2}, new byte[] {7, 2});
        Dataset d = Mnist.dataset(images, labels, 10, "t");
        assertArrayEquals(new double[] {0, 1, 0.2, 0.4}, d.inputs().data(), 1e-15);
        assertArrayEquals(new int[] {2, 2}, d.inputs().shape());
        assertArrayEquals(new int[] {7, 2}, d.labels());
        assertArrayEquals(new double[] {7, 2}, d.targets().data());
        assertEquals(1.0, d.oneHot().get(0, 7));
        assertEquals(1.0, d.oneHot().get(1, 2));
        assertEquals(2.0, sum(d.oneHot()));
        assertArrayEquals(new int[] {2, 1, 1, 2}, d.asImages(1, 1, 2).inputs().shape());
    }

    @Test
    void countsThatDisagreeAreAnError() {
        Idx.Array images = new Idx.Array(new int[] {2, 1, 1}, new byte[] {0, 1});
        Idx.Array labels = new Idx.Array(new int[] {3}, new byte[] {1, 2, 3});
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Mnist.dataset(images, labels, 10, "train"));
        assertEquals("train: 2 images but 3 labels", e.getMessage());
    }

    @Test
    void labelsOutOfRangeAndNonFiniteInputsAreErrors() {
        Idx.Array images = new Idx.Array(new int[] {1, 1, 1}, new byte[] {0});
        Idx.Array labels = new Idx.Array(new int[] {1}, new byte[] {12});
        IllegalArgumentException label =
                assertThrows(IllegalArgumentException.class, () -> Mnist.dataset(images, labels, 10, "t"));
        assertEquals("t: label 0 is 12; expected a class in [0, 10)", label.getMessage());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new Dataset(Tensor.of(new double[] {0, Double.NaN}, 1, 2), new int[] {0}, 2));
        assertEquals("Dataset: input value 1 (example 0) is NaN; expected a finite number", e.getMessage());
    }

    @Test
    void imagesNeedThreeDimensionsAndKeepTheirGeometry() {
        Idx.Array labels = new Idx.Array(new int[] {2}, new byte[] {1, 2});
        for (int[] dims : new int[][] {{2}, {2, 1}, {2, 1, 1, 1}}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Mnist.dataset(new Idx.Array(dims, new byte[2]), labels, 10, "t"));
            assertEquals(
                    "t: images must have 3 dimensions (count, rows, columns), got " + dims.length + " "
                            + Tensor.shapeString(dims),
                    e.getMessage());
        }
        Dataset d = Mnist.dataset(new Idx.Array(new int[] {2, 1, 3}, new byte[6]), labels, 10, "t");
        assertArrayEquals(new int[] {1, 1, 3}, d.imageShape());
        assertArrayEquals(new int[] {3}, d.exampleShape());
        assertArrayEquals(new int[] {2, 1, 1, 3}, d.asImages().inputs().shape());
        assertThrows(IllegalArgumentException.class, () -> d.asImages(1, 3, 1));
    }

    @Test
    void sliceCopiesARange() {
        Dataset d = new Dataset(Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 3, 2), new int[] {0, 1, 0}, 2);
        Dataset s = d.slice(1, 3);
        assertArrayEquals(new double[] {2, 3, 4, 5}, s.inputs().data());
        assertArrayEquals(new int[] {1, 0}, s.labels());
    }

    private static double sum(Tensor t) {
        double s = 0;
        for (double v : t.data()) {
            s += v;
        }
        return s;
    }
}

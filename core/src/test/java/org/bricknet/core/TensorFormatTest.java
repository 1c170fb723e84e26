package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What println(tensor) shows: rows and columns, one width, a notation chosen from the values, summaries. */
class TensorFormatTest {

    @Test
    void aMatrixPrintsAsRowsAndColumnsInOneWidth() {
        Tensor t = Tensor.matrix(new double[][] {{0.4012665318695153, -1.2, 3}, {0, 5.12344, -0.25}});
        assertEquals(
                "Tensor(2, 3)\n" + "[[ 0.4013, -1.2000,  3.0000],\n" + " [ 0.0000,  5.1234, -0.2500]]", t.toString());
    }

    @Test
    void precisionIsSettable() {
        Tensor t = Tensor.vector(Math.PI, -1);
        assertEquals("Tensor(2,) [ 3.14, -1.00]", t.toString(2));
        assertEquals("Tensor(2,) [ 3.14159265, -1.00000000]", t.toString(8));
        assertEquals("Tensor(2,) [ 3, -1]", t.toString(0));
        assertThrows(IllegalArgumentException.class, () -> t.toString(18));
    }

    @Test
    void higherRanksNestWithABlankLineBetweenMatrices() {
        Tensor t = Tensor.of(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2);
        assertEquals(
                "Tensor(2, 2, 2)\n" + "[[[0., 1.],\n" + "  [2., 3.]],\n" + "\n" + " [[4., 5.],\n" + "  [6., 7.]]]",
                t.toString());
    }

    @Test
    void wholeNumbersPrintWithATrailingPointAndAScalarOnItsLine() {
        assertEquals("Tensor(3,) [ 1.,  0., -2.]", Tensor.vector(1, -0.0, -2).toString());
        assertEquals("Tensor() 2.5000", Tensor.of(new double[] {2.5}).toString());
    }

    @Test
    void smallOrWidelySpreadValuesGoScientific() {
        assertEquals(
                "Tensor(2,) [1.0000e-05, 2.0000e-05]", Tensor.vector(1e-5, 2e-5).toString());
        assertEquals(
                "Tensor(2,) [1.5000e+00, 2.0000e+04]", Tensor.vector(1.5, 2e4).toString());
        assertEquals(
                "Tensor(2,) [1.5000e+08, 1.5000e+00]", Tensor.vector(1.5e8, 1.5).toString());
        // three orders of magnitude stay fixed
        assertEquals(
                "Tensor(2,) [   1.5000, 1000.0000]", Tensor.vector(1.5, 1000).toString());
    }

    @Test
    void nanAndInfinitiesPrintByName() {
        assertEquals(
                "Tensor(3,) [    nan,     inf, -0.5000]",
                Tensor.vector(Double.NaN, Double.POSITIVE_INFINITY, -0.5).toString());
    }

    @Test
    void aLargeTensorIsSummarisedAtTheEdges() {
        Tensor t = Tensor.zeros(100, 784);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = i % 7;
        }
        assertTrue(TensorFormat.DEFAULT.summarises(t));
        String s = t.toString();
        String[] lines = s.split("\n");
        assertEquals("Tensor(100, 784)", lines[0]);
        // 3 rows, the "..." row, 3 rows
        assertEquals(8, lines.length, s);
        assertEquals("[[0., 1., 2., ..., 4., 5., 6.],", lines[1]);
        assertEquals(" ...,", lines[4]);
        assertEquals(" [0., 1., 2., ..., 4., 5., 6.]]", lines[7]);
    }

    @Test
    void aLongThinTensorIsSummarisedOnlyAlongItsLongAxis() {
        Tensor t = Tensor.zeros(2000, 1);
        assertTrue(TensorFormat.DEFAULT.summarises(t));
        assertEquals(8, t.toString().split("\n").length);
        TensorFormat all = TensorFormat.DEFAULT.threshold(2000);
        assertFalse(all.summarises(t));
        assertEquals(2001, all.format(t).split("\n").length);
        assertEquals(
                "Tensor(10,) [0., 0., ..., 0., 0.]",
                TensorFormat.DEFAULT.threshold(5).edgeItems(2).format(Tensor.zeros(10)));
    }

    @Test
    void theNotationIsChosenFromTheShownValuesOnly() {
        Tensor t = Tensor.zeros(1, 2000);
        t.data()[1000] = 1e-9; // hidden in the summary: the shown zeros stay whole numbers
        assertEquals("Tensor(1, 2000)\n[[0., 0., 0., ..., 0., 0., 0.]]", t.toString());
    }
}

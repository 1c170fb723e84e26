package org.bricknet.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.bricknet.core.testing.TestLayers.MatMul;
import org.junit.jupiter.api.Test;

/**
 * A report shows the true derivatives behind the weighted values it compares: a layer check's worst
 * element as the derivative of one output ({@code R} removed), a direction's failure as the worst
 * of the elements it weighs most.
 */
class PlainDerivativesTest {

    /** {@code y = x³}, whose backward says {@code 2x²} instead of {@code 3x²}. */
    private static final class WrongCube implements Layer {
        private Tensor x;

        @Override
        public Tensor forward(Tensor x) {
            this.x = x;
            Tensor y = Tensor.zeros(x.shape());
            for (int i = 0; i < y.size(); i++) {
                y.data()[i] = Math.pow(x.data()[i], 3);
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor dout) {
            Tensor dx = Tensor.zeros(x.shape());
            for (int i = 0; i < dx.size(); i++) {
                dx.data()[i] = dout.data()[i] * 2 * x.data()[i] * x.data()[i];
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }
    }

    @Test
    void aLayerChecksWorstElementIsShownAsTheDerivativeOfItsOwnOutput() {
        Tensor x = Tensor.uniform(new Random(2), 0.5, 1.5, 3, 4);
        GradientReport r = GradientCheck.layer(new WrongCube(), x, 5);
        GradientReport.Row input = r.row("input");
        assertFalse(input.passed(), r::toString);
        GradientReport.Derivative d = input.derivative();
        assertNotNull(d, r::toString);
        int[] at = input.worstIndex();
        double xi = x.get(at);
        // the true derivatives, 2x² and 3x², not weighted by the check's random R
        assertEquals(2 * xi * xi, d.analytic(), 1e-12, r::toString);
        assertEquals(3 * xi * xi, d.numerical(), 1e-8, r::toString);
        assertEquals("∂y" + Tensor.shapeString(at) + "/∂input" + Tensor.shapeString(at), d.of());
        assertTrue(
                r.toString().contains("input's worst as a plain derivative, " + d.of() + ": analytic "), r::toString);
        // the projected values differ from them by the weight R at that element
        assertTrue(Math.abs(input.worstNumerical() - d.numerical()) > 1e-3, r::toString);
    }

    @Test
    void aPassingCheckAddsNothing() {
        GradientReport r = GradientCheck.layer(
                new MatMul(Tensor.randn(new Random(1), 1.0, 4, 4), MatMul.Mistake.NONE),
                Tensor.randn(new Random(2), 1.0, 2, 4),
                3);
        assertTrue(r.passed(), r::toString);
        r.rows().forEach(row -> assertNull(row.derivative(), row.name()));
    }

    @Test
    void aFailedDirectionIsFollowedByItsHeaviestElements() {
        Random random = new Random(4);
        Network net = new Network()
                .add("MatMul1", new MatMul(Tensor.randn(random, 1.0, 5, 5), MatMul.Mistake.TRANSPOSED))
                .withLoss(new SoftmaxCrossEntropy());
        Tensor x = Tensor.randn(random, 1.0, 3, 5);
        Tensor t = Tensor.vector(0, 4, 2);
        GradientReport dir = GradientCheck.network(net, x, t, CheckMode.directions(3, 1), Tolerance.DEFAULT);
        GradientReport.Row w = dir.row("W1");
        assertFalse(w.passed(), dir::toString);
        GradientReport.Derivative d = w.derivative();
        assertNotNull(d, dir::toString);
        assertTrue(d.of().startsWith("∂f/∂W1("), d.of());
        assertTrue(Math.abs(d.analytic() - d.numerical()) > 1e-3 * Math.abs(d.numerical()), dir::toString);
        // they are one element's own derivatives: backprop's and the central difference's for it
        Tensor analytic = net.gradient(x, t).get("W1");
        Tensor numerical = net.numericalGradient(x, t).get("W1");
        boolean found = false;
        for (int i = 0; i < analytic.size(); i++) {
            found |= analytic.data()[i] == d.analytic() && Math.abs(numerical.data()[i] - d.numerical()) < 1e-9;
        }
        assertTrue(found, d + " is no element's pair of derivatives");
    }
}

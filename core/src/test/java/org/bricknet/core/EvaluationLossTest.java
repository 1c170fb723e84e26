package org.bricknet.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Random;
import org.bricknet.core.testing.Drop;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/** Network.evaluationLoss: the loss of predict's scores, weight decay included, with nothing drawn. */
class EvaluationLossTest {

    @Test
    void itIsTheLossOfTheEvaluationModeScoresPlusDecay() {
        Random r = new Random(3);
        Drop drop = new Drop(0.5, new Random(9));
        Network net = new Network()
                .add("Linear1", new Linear(4, 6, 0.5, r))
                .add("Drop1", drop)
                .add("Linear2", new Linear(6, 3, 0.5, r))
                .withLoss(new SoftmaxCrossEntropy())
                .withWeightDecay(0.1);
        Tensor x = Tensor.randn(r, 1.0, 5, 4);
        Tensor t = Tensor.vector(0, 2, 1, 1, 0);
        double decay = 0;
        for (Parameter p : net.parameters().values()) {
            if (p.isWeight()) {
                decay += p.value().multiply(p.value()).sum();
            }
        }
        double expected = new SoftmaxCrossEntropy().loss(net.predict(x), t) + 0.5 * 0.1 * decay;
        int drawsBefore = drop.draws();
        assertEquals(expected, net.evaluationLoss(x, t), 1e-15);
        assertEquals(drawsBefore, drop.draws(), "evaluation draws no mask");
        // training mode drops units: another loss
        assertNotEquals(net.evaluationLoss(x, t), net.loss(x, t));
    }
}

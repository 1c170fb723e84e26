package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Layer;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Test;

/** A NaN or infinite loss or gradient stops training before the step that would use it. */
class TrainerDivergenceTest {
    private static final Dataset TRAIN = Blobs.of(200, new Random(1));

    @Test
    void aHugeLearningRateStopsWithTheEpochTheIterationAndAHint() {
        Network net = Blobs.network(0);
        Recording opt = new Recording(new Sgd(1e30));
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class,
                () -> new Trainer(net, opt)
                        .epochs(3)
                        .batchSize(20)
                        .seed(0)
                        .quiet()
                        .fit(TRAIN));
        // seen: the weights reach ~1e30 after one step; the scores overflow some iterations later, in epoch 2
        assertEquals(2, e.epoch());
        assertTrue(e.iteration() > 1, e.getMessage());
        assertEquals(10 + e.iteration() - 1, opt.calls, "every iteration before the bad one was applied");
        assertEquals(
                "Training diverged in epoch 2 at iteration " + e.iteration() + " of 10: the loss is "
                        + e.loss() + ". That step was not applied; the parameters are those from before it. "
                        + "Try a lower learning rate than 1.0E30.",
                e.getMessage());
        assertTrue(!Double.isFinite(e.loss()));
        for (Map.Entry<String, Parameter> p : net.parameters().entrySet()) {
            assertArrayEquals(
                    opt.afterLastStep.get(p.getKey()), p.getValue().value().data(), 0.0, p.getKey());
        }
    }

    /** {@code y = x + b}; from its {@code poisonFrom}-th backward on, writes NaN into db[1]. */
    private static final class PoisonedBias implements Layer {
        final Parameter b = new Parameter("b", Tensor.zeros(2));
        final int poisonFrom;
        int backwards;

        PoisonedBias(int poisonFrom) {
            this.poisonFrom = poisonFrom;
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor y = x.copy();
            for (int i = 0; i < y.size(); i++) {
                y.data()[i] += b.value().data()[i % 2];
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor dout) {
            double[] db = b.grad().fill(0).data();
            for (int i = 0; i < dout.size(); i++) {
                db[i % 2] += dout.data()[i];
            }
            if (++backwards >= poisonFrom) {
                db[1] = Double.NaN;
            }
            return dout;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(b);
        }
    }

    @Test
    void aNonFiniteGradientWithAFiniteLossAlsoStops() {
        PoisonedBias poisoned = new PoisonedBias(14);
        Network net = new Network()
                .add("Linear1", new Linear(2, 2, 0.5, new Random(0)))
                .add("shift", poisoned)
                .withLoss(new SoftmaxCrossEntropy());
        Recording opt = new Recording(new Sgd(0.1));
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class,
                () -> new Trainer(net, opt).epochs(3).batchSize(20).quiet().fit(TRAIN));
        // 10 iterations per epoch: the 14th backward is epoch 2, iteration 4
        assertEquals(2, e.epoch());
        assertEquals(4, e.iteration());
        assertEquals(13, opt.calls);
        assertTrue(Double.isFinite(e.loss()));
        assertEquals(
                "Training diverged in epoch 2 at iteration 4 of 10: the loss is " + e.loss()
                        + " but the gradient of shift.b is NaN at element 1. That step was not applied; the "
                        + "parameters are those from before it. Try a lower learning rate than 0.1.",
                e.getMessage());
        for (Map.Entry<String, Parameter> p : net.parameters().entrySet()) {
            assertArrayEquals(
                    opt.afterLastStep.get(p.getKey()), p.getValue().value().data(), 0.0, p.getKey());
        }
    }

    @Test
    void aLossThatIsNotFiniteBeforeAnyStepBlamesTheStartNotTheLearningRate() {
        Network net = Blobs.network(0);
        // absurd initial weights: the scores overflow, so the very first loss is not finite
        net.parameters().get("W1").value().fill(1e200);
        net.parameters().get("W2").value().fill(1e200);
        Recording opt = new Recording(new Sgd(0.1));
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class,
                () -> new Trainer(net, opt).epochs(3).batchSize(20).quiet().fit(TRAIN));
        assertTrue(e.beforeFirstStep());
        assertEquals(0, opt.calls);
        assertTrue(
                e.getMessage().startsWith("Training cannot start: the loss is ")
                        && e.getMessage()
                                .contains("before the first step (epoch 1, iteration 1 of 10), so no "
                                        + "learning rate is to blame"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("lower learning rate"), e.getMessage());
    }

    @Test
    void parametersThatAStepMadeInfiniteAreNeverCheckpointed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // an epoch of one step whose loss and gradient are finite but whose update leaves W1 infinite
        Network net = Blobs.network(0);
        Sgd sgd = new Sgd(0.1);
        Optimizer overflowing = new Optimizer() {
            @Override
            public void step(Map<String, Parameter> params) {
                sgd.step(params);
                params.get("W1").value().data()[3] = Double.POSITIVE_INFINITY;
            }

            @Override
            public String name() {
                return sgd.name();
            }

            @Override
            public double learningRate() {
                return sgd.learningRate();
            }

            @Override
            public void setLearningRate(double learningRate) {
                sgd.setLearningRate(learningRate);
            }

            @Override
            public long steps() {
                return sgd.steps();
            }

            @Override
            public Map<String, double[]> state(Map<String, Parameter> params) {
                return sgd.state(params);
            }

            @Override
            public void loadState(Map<String, Parameter> params, Map<String, double[]> state) {
                sgd.loadState(params, state);
            }
        };
        TrainingDivergedException e = assertThrows(
                TrainingDivergedException.class,
                () -> new Trainer(net, overflowing)
                        .epochs(3)
                        .batchSize(200)
                        .seed(0)
                        .quiet()
                        .checkpointTo(dir, Map.of())
                        .fit(TRAIN));
        assertEquals(1, e.epoch());
        assertTrue(
                e.getMessage().startsWith("Training diverged in epoch 1: after its last step ")
                        && e.getMessage().contains("The checkpoint of that epoch was not written"),
                e.getMessage());
        assertTrue(!java.nio.file.Files.exists(Checkpoint.file(dir)), "no checkpoint of non-finite parameters");
    }
}

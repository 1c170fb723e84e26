package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.testing.Drop;
import org.bricknet.core.testing.Linear;
import org.bricknet.core.testing.SoftmaxCrossEntropy;
import org.bricknet.optim.Adam;
import org.bricknet.optim.Momentum;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run of N epochs and a run stopped after k epochs and resumed (into a network initialised
 * differently, with a fresh optimizer) end with bit-identical parameters, optimizer state and
 * history; checkpoints of another shape, another optimizer or a damaged file are refused.
 */
@Tag("engine")
class ResumeTest {
    private static final Dataset TRAIN = Blobs.of(150, new Random(3));
    private static final Dataset TEST = Blobs.of(50, new Random(4));

    @TempDir
    Path dir;

    private static Trainer trainer(Network net, Optimizer opt, int epochs, Sampling sampling) {
        return new Trainer(net, opt)
                .epochs(epochs)
                .batchSize(16)
                .sampling(sampling)
                .seed(7)
                .evaluateOn(TEST)
                .quiet();
    }

    @ParameterizedTest
    @CsvSource({
        "sgd, SHUFFLE, 1",
        "sgd, DRAW, 3",
        "adam, SHUFFLE, 2",
        "adam, DRAW, 1",
        "momentum, SHUFFLE, 3",
        "adagrad, SHUFFLE, 2",
        "rmsprop, DRAW, 2",
        "nesterov, SHUFFLE, 1",
        "adamw, SHUFFLE, 3"
    })
    void stoppingAndResumingEndsBitForBitWhereTheUninterruptedRunEnds(String name, Sampling sampling, int k)
            throws IOException {
        Network whole = Blobs.network(11);
        Optimizer wholeOpt = Optimizers.create(name, 0.01);
        TrainingHistory h = trainer(whole, wholeOpt, 4, sampling)
                .checkpointTo(dir.resolve("whole"), Map.of())
                .fit(TRAIN);

        trainer(Blobs.network(11), Optimizers.create(name, 0.01), k, sampling)
                .checkpointTo(dir.resolve("part"), Map.of())
                .fit(TRAIN);
        Network resumed = Blobs.network(99);
        Optimizer resumedOpt = Optimizers.create(name, 0.01);
        TrainingHistory r = trainer(resumed, resumedOpt, 4, Sampling.SHUFFLE)
                .resumeFrom(dir.resolve("part"))
                .checkpointTo(dir.resolve("part"), Map.of())
                .fit(TRAIN);

        assertEquals(4, r.size());
        assertArrayEquals(h.meanLosses(), r.meanLosses(), 0.0);
        assertArrayEquals(h.trainAccuracies(), r.trainAccuracies(), 0.0);
        assertArrayEquals(h.testAccuracies(), r.testAccuracies(), 0.0);
        whole.state()
                .forEach((key, t) ->
                        assertArrayEquals(t.data(), resumed.state().get(key).data(), 0.0, key));
        Map<String, double[]> a = wholeOpt.state(whole.parameters());
        Map<String, double[]> b = resumedOpt.state(resumed.parameters());
        assertEquals(a.keySet(), b.keySet());
        a.forEach((key, v) -> assertArrayEquals(v, b.get(key), 0.0, key));
        Checkpoint last = Checkpoint.load(dir.resolve("part"));
        assertEquals(4, last.epoch());
        assertArrayEquals(h.meanLosses(), last.history().meanLosses(), 0.0);
    }

    /** Blobs' network with a dropout-like Drop between its layers; the masks come from {@code drops}. */
    private static Network withDrop(long seed, Random drops) {
        Random r = new Random(seed);
        return new Network()
                .add("Linear1", new Linear(2, 8, 0.2, r))
                .add("Drop1", new Drop(0.7, drops))
                .add("Linear2", new Linear(8, 2, 0.2, r))
                .withLoss(new SoftmaxCrossEntropy());
    }

    @Test
    void aStochasticLayerDrawsTheSameMasksAfterResumingAsWithout() throws IOException {
        Network whole = withDrop(11, new Random(1));
        TrainingHistory h =
                trainer(whole, new Momentum(0.05), 4, Sampling.SHUFFLE).fit(TRAIN);

        trainer(withDrop(11, new Random(1)), new Momentum(0.05), 2, Sampling.SHUFFLE)
                .checkpointTo(dir, Map.of())
                .fit(TRAIN);
        Network resumed = withDrop(99, new Random(2));
        TrainingHistory r = trainer(resumed, new Momentum(0.05), 4, Sampling.SHUFFLE)
                .resumeFrom(dir)
                .fit(TRAIN);

        assertArrayEquals(h.meanLosses(), r.meanLosses(), 0.0);
        assertArrayEquals(h.testAccuracies(), r.testAccuracies(), 0.0);
        whole.state()
                .forEach((key, t) ->
                        assertArrayEquals(t.data(), resumed.state().get(key).data(), 0.0, key));
        assertTrue(((Drop) resumed.layers().get("Drop1")).draws() > 0);
    }

    @Test
    void theSeedStillDecidesThePath() {
        TrainingHistory a =
                trainer(Blobs.network(11), new Sgd(0.05), 3, Sampling.SHUFFLE).fit(TRAIN);
        TrainingHistory b =
                trainer(Blobs.network(11), new Sgd(0.05), 3, Sampling.SHUFFLE).fit(TRAIN);
        TrainingHistory c = trainer(Blobs.network(11), new Sgd(0.05), 3, Sampling.SHUFFLE)
                .seed(8)
                .fit(TRAIN);
        assertArrayEquals(a.meanLosses(), b.meanLosses(), 0.0);
        assertFalse(Arrays.equals(a.meanLosses(), c.meanLosses()));
        assertFalse(Arrays.equals(
                Trainer.epochRandom(7, 1).ints(5).toArray(),
                Trainer.epochRandom(7, 2).ints(5).toArray()));
    }

    @Test
    void theCheckpointIsOneFileAndItsMetadataIsReadable() throws IOException {
        trainer(Blobs.network(11), new Adam(0.01), 2, Sampling.SHUFFLE)
                .checkpointTo(dir, Map.of("model", "blobs"))
                .fit(TRAIN);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(Checkpoint.file(dir)), files.toList());
        }
        Checkpoint c = Checkpoint.load(dir);
        assertEquals(2, c.epoch());
        assertEquals(7, c.seed());
        assertEquals(16, c.batchSize());
        assertEquals("adam", c.optimizer());
        assertEquals(Map.of("model", "blobs"), c.extra());
        assertEquals(2 * 10, c.optimizerState().get("steps")[0], "2 epochs of ⌈150 / 16⌉ steps");
        assertTrue(
                c.optimizerState().containsKey("W1.m") && c.optimizerState().containsKey("W1.v"),
                c.optimizerState().keySet().toString());
    }

    @Test
    void anotherShapeAnotherOptimizerOrADamagedFileIsRefusedAndChangesNothing() throws IOException {
        trainer(Blobs.network(11), new Adam(0.01), 1, Sampling.SHUFFLE)
                .checkpointTo(dir, Map.of())
                .fit(TRAIN);
        Network other = new Network()
                .add("Linear1", new Linear(2, 3, 0.1, new Random(0)), "W1", "b1")
                .withLoss(new SoftmaxCrossEntropy());
        double[] before = other.state().get("W1").data().clone();
        BadFileException shape = assertThrows(
                BadFileException.class,
                () -> trainer(other, new Adam(0.01), 2, Sampling.SHUFFLE).resumeFrom(dir));
        assertTrue(shape.getMessage().contains("but the model"), shape.getMessage());
        assertArrayEquals(before, other.state().get("W1").data(), 0.0);

        BadFileException opt = assertThrows(
                BadFileException.class,
                () -> trainer(Blobs.network(1), new Sgd(0.01), 2, Sampling.SHUFFLE)
                        .resumeFrom(dir));
        assertTrue(opt.getMessage().contains("was written by optimizer 'adam'; this run uses 'sgd'"), opt.getMessage());

        Path file = Checkpoint.file(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        BadFileException cut = assertThrows(
                BadFileException.class,
                () -> trainer(Blobs.network(1), new Adam(0.01), 2, Sampling.SHUFFLE)
                        .resumeFrom(dir));
        assertTrue(cut.getMessage().startsWith(file.toString()), cut.getMessage());
        BadFileException none = assertThrows(BadFileException.class, () -> Checkpoint.load(dir.resolve("empty")));
        assertTrue(none.getMessage().contains("no such file"), none.getMessage());
    }

    @Test
    void anotherTrainingSetIsRefused() throws IOException {
        trainer(Blobs.network(11), new Sgd(0.01), 1, Sampling.SHUFFLE)
                .checkpointTo(dir, Map.of())
                .fit(TRAIN);
        Trainer t =
                trainer(Blobs.network(11), new Sgd(0.01), 2, Sampling.SHUFFLE).resumeFrom(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(TEST));
        assertEquals("Trainer: the checkpoint was trained on 150 examples; this training set has 50", e.getMessage());
    }
}

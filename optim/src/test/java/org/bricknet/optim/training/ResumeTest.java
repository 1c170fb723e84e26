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
            // the checkpoint, and the empty file whose lock marks the directory as a running run's
            assertEquals(
                    List.of(dir.resolve(CheckpointDirectory.LOCK), Checkpoint.file(dir)),
                    files.sorted().toList());
        }
        assertEquals(0, Files.size(dir.resolve(CheckpointDirectory.LOCK)));
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
        org.bricknet.core.io.PathException none =
                assertThrows(org.bricknet.core.io.PathException.class, () -> Checkpoint.load(dir.resolve("empty")));
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

    /** Rewrites the checkpoint in {@code dir} with one value of one tensor replaced. */
    private void poke(String tensor, int element, double value) throws IOException {
        Path file = Checkpoint.file(dir);
        org.bricknet.core.io.SafeTensors.Contents c = org.bricknet.core.io.SafeTensors.load(file);
        c.tensors().get(tensor).data()[element] = value;
        org.bricknet.core.io.SafeTensors.save(file, c.tensors(), c.metadata());
    }

    @Test
    void aCheckpointWithANonFiniteValueOrANegativeSecondMomentIsRefused() throws IOException {
        trainer(Blobs.network(11), new Adam(0.01), 1, Sampling.SHUFFLE)
                .checkpointTo(dir, Map.of())
                .fit(TRAIN);
        poke("network/W1", 2, Double.NaN);
        BadFileException nan = assertThrows(BadFileException.class, () -> Checkpoint.load(dir));
        assertEquals(
                Checkpoint.file(dir)
                        + ": tensor W1 holds NaN at element 2; a checkpoint must hold finite values only"
                                .replace("tensor W1", "tensor network/W1"),
                nan.getMessage());
        poke("network/W1", 2, 0.5);
        poke("optimizer/W1.m", 0, Double.POSITIVE_INFINITY);
        assertTrue(assertThrows(BadFileException.class, () -> Checkpoint.load(dir))
                .getMessage()
                .contains("tensor optimizer/W1.m holds Infinity at element 0"));
        poke("optimizer/W1.m", 0, 0.0);
        poke("optimizer/W1.v", 5, -0.25);
        Network net = Blobs.network(1);
        double[] before = net.state().get("W1").data().clone();
        BadFileException negative = assertThrows(
                BadFileException.class,
                () -> trainer(net, new Adam(0.01), 2, Sampling.SHUFFLE).resumeFrom(dir));
        assertTrue(
                negative.getMessage()
                        .contains("optimizer state is not one adam can hold: adam: state entry 'W1.v' holds -0.25 at"
                                + " element 5; expected a finite number >= 0 (a sum of squares)"),
                negative.getMessage());
        assertArrayEquals(before, net.state().get("W1").data(), 0.0, "a refused checkpoint changes nothing");
        // a momentum velocity may be negative
        Path m = dir.resolve("momentum");
        trainer(Blobs.network(11), new Momentum(0.01), 1, Sampling.SHUFFLE)
                .checkpointTo(m, Map.of())
                .fit(TRAIN);
        Checkpoint c = Checkpoint.load(m);
        assertTrue(java.util.Arrays.stream(c.optimizerState().get("W1.v")).anyMatch(v -> v < 0));
        trainer(Blobs.network(1), new Momentum(0.01), 2, Sampling.SHUFFLE).resumeFrom(m);
    }

    @Test
    void otherDataOfTheSameSizeAndATargetAlreadyPassedAreRefused() throws IOException {
        trainer(Blobs.network(11), new Sgd(0.01), 3, Sampling.SHUFFLE)
                .checkpointTo(dir, Map.of())
                .fit(TRAIN);
        Dataset same = Blobs.of(150, new Random(3));
        Dataset other = Blobs.of(150, new Random(33));
        Checkpoint c = Checkpoint.load(dir);
        c.requireSameData(same, "cp");
        BadFileException e = assertThrows(BadFileException.class, () -> c.requireSameData(other, "cp"));
        assertTrue(
                e.getMessage().startsWith("cp: was trained on other data of the same size (150 examples of (2)"),
                e.getMessage());
        IllegalArgumentException fit = assertThrows(
                IllegalArgumentException.class,
                () -> trainer(Blobs.network(11), new Sgd(0.01), 5, Sampling.SHUFFLE)
                        .resumeFrom(dir)
                        .fit(other));
        assertTrue(fit.getMessage().startsWith("Trainer: the checkpoint was trained on other data"), fit.getMessage());
        IllegalArgumentException passed = assertThrows(
                IllegalArgumentException.class,
                () -> trainer(Blobs.network(11), new Sgd(0.01), 2, Sampling.SHUFFLE)
                        .resumeFrom(dir)
                        .fit(TRAIN));
        assertEquals(
                "Trainer: the checkpoint is after epoch 3; a run of 2 epochs in all ended before it",
                passed.getMessage());
    }

    @Test
    void aDirectoryBelongsToOneRun() throws IOException {
        Path a = dir.resolve("a");
        trainer(Blobs.network(11), new Sgd(0.01), 1, Sampling.SHUFFLE)
                .checkpointTo(a, Map.of("epochs", "4"))
                .fit(TRAIN);
        byte[] first = Files.readAllBytes(Checkpoint.file(a));
        java.io.UncheckedIOException fresh = assertThrows(
                java.io.UncheckedIOException.class,
                () -> trainer(Blobs.network(12), new Sgd(0.01), 1, Sampling.SHUFFLE)
                        .checkpointTo(a, Map.of())
                        .fit(TRAIN));
        assertEquals(
                a + ": holds the checkpoint of another run (after epoch 1 of 4); continue that run from it, or"
                        + " choose another directory",
                fresh.getMessage());
        assertArrayEquals(first, Files.readAllBytes(Checkpoint.file(a)), "the other run's checkpoint is untouched");
        // continuing it into its own directory is what it is for
        trainer(Blobs.network(11), new Sgd(0.01), 2, Sampling.SHUFFLE)
                .resumeFrom(a)
                .checkpointTo(a, Map.of())
                .fit(TRAIN);
        assertEquals(2, Checkpoint.load(a).epoch());

        try (CheckpointDirectory held = CheckpointDirectory.claim(dir.resolve("b"), null)) {
            org.bricknet.core.io.PathException busy = assertThrows(
                    org.bricknet.core.io.PathException.class, () -> CheckpointDirectory.check(dir.resolve("b"), null));
            assertEquals(
                    dir.resolve("b") + ": another run is writing checkpoints here now (it holds checkpoint.lock);"
                            + " choose another directory",
                    busy.getMessage());
        }
        CheckpointDirectory.check(dir.resolve("b"), null);
        org.bricknet.core.io.PathException noParent = assertThrows(
                org.bricknet.core.io.PathException.class,
                () -> CheckpointDirectory.check(dir.resolve("no/such"), null));
        assertTrue(
                noParent.getMessage()
                        .endsWith("cannot create the checkpoint directory: " + dir.resolve("no") + " does not exist"),
                noParent.getMessage());
    }
}

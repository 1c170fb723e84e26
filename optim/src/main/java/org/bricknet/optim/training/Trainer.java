package org.bricknet.optim.training;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import org.bricknet.core.Checks;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.SplitMix;
import org.bricknet.core.data.Batch;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.MiniBatches;
import org.bricknet.core.io.BadFileException;
import org.bricknet.optim.Optimizer;

/**
 * Mini-batch training of a {@link Network} with an {@link Optimizer}, epoch by epoch. Each
 * iteration is {@code loss = network.backprop(x, t)}, a check that the loss and every gradient are
 * finite, then {@code optimizer.step(network.parameters())}. After each epoch the trainer scores
 * the training set and the evaluation set (if any), prints a line such as
 * <pre>
 *   Epoch 3: 9012 / 10000, loss 0.3121, train accuracy 0.9134, test accuracy 0.9012, 1.23 s
 * </pre>
 * (Nielsen's "Epoch 3: 9012 / 10000", plus the rest), and records an {@link EpochStats}.
 *
 * <p>Randomness (the shuffles or draws) comes from {@link #random(Random)} or from
 * {@link #seed(long)} (0 unless set): the same seed, network and data give the same history and the
 * same parameters on every run. With a seed, epoch {@code e} draws from its own generator, derived
 * from the seed and {@code e} alone ({@link #epochRandom}), so that a run resumed from a
 * {@link Checkpoint} after epoch {@code k} ({@link #checkpointTo}, {@link #resumeFrom}) rebuilds
 * exactly the generator the uninterrupted run used and ends bit for bit where it would have. A loss or gradient that is NaN or infinite stops training with a
 * {@link TrainingDivergedException}, the parameters left as they were before that step; so do
 * parameters that are no longer finite when an epoch's checkpoint is due (that checkpoint is not
 * written: the previous one stays).
 *
 * <p>Checkpoints: for the whole of {@link #fit} the trainer holds its checkpoint directory
 * ({@link CheckpointDirectory}), and refuses one that another run holds or has written into; a
 * resumed run is refused on other data ({@link Checkpoint#requireSameData}) or a target of fewer
 * epochs than the checkpoint has done.
 *
 * <p>Around the loop: a validation set ({@link #validationSplit}, {@link #validateOn}) scored with
 * the test set after each epoch, in evaluation mode; a learning-rate {@link #schedule}; gradient
 * hooks between the finite check and the step ({@link #clipGradients}, {@link #watchGradients});
 * {@link #earlyStopping}. Each is a class of its own, called through {@code TrainingControls}.
 *
 * <p>Configure with the fluent setters, then call {@link #fit}:
 * <pre>
 *   TrainingHistory h = new Trainer(net, Optimizers.create("adam", 0.001))
 *           .epochs(10).batchSize(100).seed(42).evaluateOn(test).fit(train);
 * </pre>
 */
public final class Trainer {
    private final Network network;
    private final Optimizer optimizer;
    private int epochs = 10;
    private int batchSize = 100;
    private long seed;
    private Random random;
    private Sampling sampling = Sampling.SHUFFLE;
    private Dataset evaluation;
    private boolean scoreTrainingSet = true;
    private int evaluationBatchSize = 1000;
    private PrintStream out = System.out;
    private Progress progress = Progress.AUTO;
    private Duration progressInterval = Duration.ofSeconds(10);
    private Consumer<EpochStats> onEpoch = e -> {};
    private Path checkpointDir;
    private Map<String, String> checkpointMetadata = Map.of();
    private Checkpoint resumed;
    private final TrainingControls controls = new TrainingControls();
    private Path resumedFile;

    public Trainer(Network network, Optimizer optimizer) {
        this.network = Objects.requireNonNull(network, "Trainer: expected a network, got null");
        this.optimizer = Objects.requireNonNull(optimizer, "Trainer: expected an optimizer, got null");
    }

    /** The number of epochs (10 unless set). */
    public Trainer epochs(int epochs) {
        this.epochs = Checks.atLeastOne("Trainer", "epochs", epochs);
        return this;
    }

    /** The mini-batch size (100 unless set); a batch larger than the training set is cut to it. */
    public Trainer batchSize(int batchSize) {
        this.batchSize = Checks.atLeastOne("Trainer", "a batch size", batchSize);
        return this;
    }

    /** Each {@link #fit} draws from a new {@code Random(seed)}; 0 unless set. */
    public Trainer seed(long seed) {
        this.seed = seed;
        this.random = null;
        return this;
    }

    /** Draws from this generator instead of a seeded one (it is not reset between fits). */
    public Trainer random(Random random) {
        this.random = Objects.requireNonNull(random, "Trainer: expected a Random, got null");
        return this;
    }

    public Trainer sampling(Sampling sampling) {
        this.sampling = Objects.requireNonNull(sampling, "Trainer: expected a sampling mode, got null");
        return this;
    }

    /** Scores this set after every epoch (the test accuracy); null for none. */
    public Trainer evaluateOn(Dataset evaluation) {
        this.evaluation = evaluation;
        return this;
    }

    /** Whether to score the whole training set after each epoch (true unless set; false records NaN). */
    public Trainer trainAccuracy(boolean score) {
        this.scoreTrainingSet = score;
        return this;
    }

    /** Rows per forward pass when scoring (1000 unless set); it bounds the memory of evaluation. */
    public Trainer evaluationBatchSize(int rows) {
        this.evaluationBatchSize = Checks.atLeastOne("Trainer", "an evaluation batch size", rows);
        return this;
    }

    /** Where lines and the bar go (System.out unless set). */
    public Trainer output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "Trainer: expected a PrintStream, got null");
        return this;
    }

    public Trainer progress(Progress progress) {
        this.progress = Objects.requireNonNull(progress, "Trainer: expected a progress mode, got null");
        return this;
    }

    /** Prints nothing. */
    public Trainer quiet() {
        return progress(Progress.QUIET);
    }

    /** The least time between two plain progress lines ({@link Progress#LINES}); 10 s unless set. */
    public Trainer progressInterval(Duration interval) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("Trainer: expected a progress interval >= 0, got " + interval);
        }
        this.progressInterval = interval;
        return this;
    }

    /** Called after each epoch with its stats (to save a checkpoint, update a plot, ...). */
    public Trainer onEpoch(Consumer<EpochStats> listener) {
        this.onEpoch = Objects.requireNonNull(listener, "Trainer: expected a listener, got null");
        return this;
    }

    /** Every step on the whole training set (full-batch gradient descent): a batch size of all of it. */
    public Trainer fullBatch() {
        return batchSize(Integer.MAX_VALUE);
    }

    /**
     * Holds the last {@code fraction} (in (0, 1)) of the training set out as a validation set (as
     * Keras's {@code validation_split}: taken before any shuffling), scored after every epoch
     * (loss and accuracy in the history), for {@link #earlyStopping} and plateau schedules to
     * watch instead of the test set.
     */
    public Trainer validationSplit(double fraction) {
        controls.validationSplit(fraction);
        return this;
    }

    /**
     * How many of {@code examples} training examples {@link #validationSplit}{@code (fraction)}
     * holds out: {@code max(1, round(fraction·examples))}, the last ones.
     */
    public static int validationExamples(int examples, double fraction) {
        return Math.max(1, (int) Math.round(fraction * examples));
    }

    /** Scores this validation set after every epoch (instead of a {@link #validationSplit}). */
    public Trainer validateOn(Dataset validation) {
        controls.validateOn(validation);
        return this;
    }

    /** Sets the optimizer's learning rate before each epoch from {@code schedule}; null for none. */
    public Trainer schedule(LearningRateSchedule schedule) {
        controls.schedule(schedule);
        return this;
    }

    /** Stops training as {@code stopping} says, and restores its best epoch; null for none. */
    public Trainer earlyStopping(EarlyStopping stopping) {
        controls.earlyStopping(stopping);
        return this;
    }

    /** Clips the gradients before each step ({@link GradientClipping#byNorm}, {@link GradientClipping#byValue}). */
    public Trainer clipGradients(GradientClipping clipping) {
        return withGradientHook(clipping);
    }

    /** Records each parameter's gradient norm per epoch into {@code norms}. */
    public Trainer watchGradients(GradientNorms norms) {
        return withGradientHook(norms);
    }

    /** Calls {@code hook} after each backprop, before the step (hooks run in the order added). */
    public Trainer withGradientHook(GradientHook hook) {
        controls.addHook(hook);
        return this;
    }

    /**
     * After each epoch, writes a {@link Checkpoint} into {@code dir} (atomically, replacing the
     * previous one), with {@code metadata} added to its {@code __metadata__}. Needs a seeded
     * trainer: a caller's {@link #random(Random)} cannot be saved.
     */
    public Trainer checkpointTo(Path dir, Map<String, String> metadata) {
        this.checkpointDir = Objects.requireNonNull(dir, "Trainer: expected a checkpoint directory, got null");
        this.checkpointMetadata = Map.copyOf(metadata);
        return this;
    }

    /** Continues from the checkpoint in {@code dir}: see {@link #resumeFrom(Checkpoint, String)}. */
    public Trainer resumeFrom(Path dir) throws IOException {
        return resumeFrom(Checkpoint.load(dir), Checkpoint.file(dir).toString());
    }

    /**
     * Continues from {@code c} (read from {@code file}): copies its network and optimizer state into
     * this trainer's network and optimizer now (a checkpoint of another shape or optimizer is
     * refused and changes nothing), takes its seed, batch size and sampling, and makes the next
     * {@link #fit} run epochs {@code c.epoch() + 1 .. epochs()} after the checkpoint's history.
     */
    public Trainer resumeFrom(Checkpoint c, String file) throws BadFileException {
        c.restore(network, optimizer, file);
        this.resumed = c;
        this.resumedFile = Path.of(file);
        this.seed = c.seed();
        this.random = null;
        this.batchSize = c.batchSize();
        this.sampling = c.sampling();
        return this;
    }

    /** The generator of epoch {@code epoch} (from 1) for {@code seed}: a fixed function of the two. */
    public static Random epochRandom(long seed, int epoch) {
        return new Random(SplitMix.derive(seed, epoch));
    }

    /** Trains for the configured epochs and returns their history. */
    public TrainingHistory fit(Dataset train) {
        Objects.requireNonNull(train, "Trainer: expected a training set, got null");
        if (checkpointDir != null && random != null) {
            throw new IllegalStateException(
                    "Trainer: checkpoints need a seeded trainer (seed(long)), not random(Random)");
        }
        train = controls.prepare(
                train,
                network,
                evaluationBatchSize,
                evaluation != null,
                scoreTrainingSet,
                optimizer,
                resumed == null ? new TrainingHistory() : resumed.history(),
                epochs);
        TrainingHistory history = new TrainingHistory();
        int first = 1;
        String fingerprint = checkpointDir != null || resumed != null ? train.fingerprint() : "";
        if (resumed != null) {
            if (resumed.trainExamples() != train.size()) {
                throw new IllegalArgumentException("Trainer: the checkpoint was trained on " + resumed.trainExamples()
                        + " examples; this training set has " + train.size());
            }
            if (!resumed.dataFingerprint().isEmpty()
                    && !resumed.dataFingerprint().equals(fingerprint)) {
                throw new IllegalArgumentException("Trainer: the checkpoint was trained on other data ("
                        + resumed.dataFingerprint() + "); this training set is " + fingerprint);
            }
            if (resumed.epoch() > epochs) {
                throw new IllegalArgumentException("Trainer: the checkpoint is after epoch " + resumed.epoch()
                        + "; a run of " + epochs + " epochs in all ended before it");
            }
            resumed.history().epochs().forEach(history::add);
            first = resumed.epoch() + 1;
        }
        try (CheckpointDirectory claimed =
                checkpointDir == null ? null : CheckpointDirectory.claim(checkpointDir, resumedFile)) {
            fit(train, history, first, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return history;
    }

    private void fit(Dataset train, TrainingHistory history, int first, String fingerprint) {
        MiniBatches batches = new MiniBatches(train, batchSize);
        Evaluator trainScore = scoreTrainingSet ? new Evaluator(network, train, evaluationBatchSize) : null;
        Evaluator testScore = evaluation != null ? new Evaluator(network, evaluation, evaluationBatchSize) : null;
        for (int epoch = first; epoch <= epochs; epoch++) {
            Random r = random != null ? random : epochRandom(seed, epoch);
            if (random == null) {
                network.reseed(r.nextLong());
            }
            controls.beforeEpoch(epoch, history, optimizer);
            long start = System.nanoTime();
            double meanLoss = trainEpoch(batches, train.size(), r, epoch);
            double seconds = (System.nanoTime() - start) / 1e9;
            double trainAcc = trainScore == null ? Double.NaN : trainScore.correct() / (double) train.size();
            Evaluator.Score test = testScore == null ? null : testScore.score();
            int testCorrect = test == null ? -1 : test.correct();
            EpochStats stats = controls.stats(epoch, meanLoss, trainAcc, test, seconds, optimizer.learningRate());
            history.add(stats);
            if (checkpointDir != null) {
                saveCheckpoint(epoch, history, train.size(), fingerprint, batches.count());
            }
            report(stats, testCorrect);
            onEpoch.accept(stats);
            if (controls.stop(history, network)) {
                break;
            }
        }
        String said = controls.finish(history, network);
        if (said != null && progress != Progress.QUIET) {
            out.println(said);
        }
    }

    private void saveCheckpoint(
            int epoch, TrainingHistory history, int trainExamples, String data, int iterationsPerEpoch) {
        Map<String, org.bricknet.core.Tensor> state = network.state();
        String bad = Checkpoint.firstNotFinite(state);
        if (bad != null) {
            throw TrainingDivergedException.afterEpoch(epoch, iterationsPerEpoch, bad, optimizer.learningRate());
        }
        try {
            new Checkpoint(
                            epoch,
                            seed,
                            batchSize,
                            sampling,
                            optimizer.name(),
                            optimizer.learningRate(),
                            trainExamples,
                            data,
                            history,
                            state,
                            optimizer.state(network.parameters()),
                            checkpointMetadata)
                    .save(checkpointDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint of epoch " + epoch + ": " + e.getMessage(), e);
        }
    }

    /** One pass: returns the mean loss per example. */
    private double trainEpoch(MiniBatches batches, int size, Random r, int epoch) {
        Map<String, Parameter> params = network.parameters();
        int iterations = batches.count();
        long examples = sampling == Sampling.SHUFFLE ? size : (long) iterations * batches.batchSize();
        if (sampling == Sampling.SHUFFLE) {
            batches.shuffle(r);
        }
        DivergenceGuard guard = new DivergenceGuard();
        double lossSum = 0;
        long seen = 0;
        try (EpochProgress bar = EpochProgress.start(progress, out, progressInterval, epoch, epochs, examples)) {
            for (int it = 0; it < iterations; it++) {
                Batch b = sampling == Sampling.SHUFFLE ? batches.get(it) : batches.draw(r);
                double loss = network.backprop(b.x(), b.t());
                guard.check(loss, params, epoch, it + 1, iterations, optimizer.learningRate(), optimizer.steps() == 0);
                controls.afterBackprop(epoch, it + 1, params);
                optimizer.step(params);
                lossSum += loss * b.size();
                seen += b.size();
                bar.update(seen, lossSum / seen);
            }
        }
        return lossSum / seen;
    }

    private void report(EpochStats s, int testCorrect) {
        if (progress == Progress.QUIET) {
            return;
        }
        out.println(s.line(testCorrect, s.hasTestAccuracy() ? evaluation.size() : 0));
        out.flush();
    }
}

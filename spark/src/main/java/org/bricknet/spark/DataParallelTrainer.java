package org.bricknet.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.bricknet.core.Checks;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Batch;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.MiniBatches;
import org.bricknet.core.io.BadFileException;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.training.Checkpoint;
import org.bricknet.optim.training.CheckpointDirectory;
import org.bricknet.optim.training.DivergenceGuard;
import org.bricknet.optim.training.EpochStats;
import org.bricknet.optim.training.Sampling;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;

/**
 * Mini-batch training in data-parallel form: {@link Trainer}'s loop, with each mini-batch's loss
 * and gradient computed by the partitions that hold its examples. One step:
 * <ol>
 *   <li>the driver picks the batch exactly as {@code Trainer} does for the same seed (epoch
 *       {@code e}'s generator from {@link Trainer#epochRandom}, {@link MiniBatches}' shuffle or
 *       draw, run over the examples' numbers), and broadcasts the weights and the batch;</li>
 *   <li>each partition gathers the batch's examples it holds, in batch order, and returns their
 *       summed loss and gradient ({@link GradientSum}); {@code treeAggregate} combines them;</li>
 *   <li>the driver divides by the batch size, adds weight decay, checks that everything is finite
 *       (a divergence stops training before the bad step, as on one machine) and applies the
 *       step with the {@link Optimizer}, synchronously.</li>
 * </ol>
 * So for the same seed, network, data and optimizer, every step sees the same batch as on one
 * machine, and the gradient is the same function of it. It is not the same to the last bit: one
 * machine multiplies the whole batch in one product, here each partition multiplies its part and
 * the parts are added, so each gradient differs by a few units of the last place (about 1e-16
 * relative). Training feeds each step's rounding into the next: on the project's tests (SGD and
 * Adam, two epochs) the weights agreed within 3e-16 of the largest weight, and the test allows
 * 1e-12; a longer run drifts further, slowly, as two single-machine runs on different BLAS
 * libraries would. Whatever order Spark combines the
 * partitions in, a run gives the same weights each time.
 *
 * <p>After each epoch the training set (unless {@link #trainAccuracy}{@code (false)}) and the
 * evaluation set are scored by the executors and a line is printed in {@code Trainer}'s form.
 * Checkpoints ({@link #checkpointTo}, {@link #resumeFrom}) are {@code Trainer}'s: the same file,
 * written atomically after each epoch, and a resumed run ends where the uninterrupted one would.
 * Dropout and batch normalization are refused: each partition would draw its own masks and
 * normalise by statistics of its own part of the batch.
 */
public final class DataParallelTrainer {
    private final Network network;
    private final NetworkSource source;
    private final Optimizer optimizer;
    private final String run = UUID.randomUUID().toString();
    private java.nio.file.Path resumedFile;
    private int epochs = 10;
    private int batchSize = 100;
    private long seed;
    private Sampling sampling = Sampling.SHUFFLE;
    private ExampleSet evaluation;
    private boolean scoreTrainingSet = true;
    private PrintStream out = System.out;
    private boolean quiet;
    private int depth = 2;
    private Path checkpointDir;
    private Map<String, String> checkpointMetadata = Map.of();
    private Checkpoint resumed;

    /** Trains {@code network} (the driver's copy) with {@code optimizer}; executors build theirs with {@code source}. */
    public DataParallelTrainer(Network network, NetworkSource source, Optimizer optimizer) {
        this.network = Objects.requireNonNull(network, "DataParallelTrainer: expected a network, got null");
        this.source = Objects.requireNonNull(source, "DataParallelTrainer: expected a NetworkSource, got null");
        this.optimizer = Objects.requireNonNull(optimizer, "DataParallelTrainer: expected an optimizer, got null");
        SparkNetworkFunction.requireSameForm(network, source);
        String refusal = Replicas.refusal(network);
        if (refusal != null) {
            throw new IllegalArgumentException("DataParallelTrainer: " + refusal);
        }
    }

    /** The number of epochs (10 unless set). */
    public DataParallelTrainer epochs(int epochs) {
        this.epochs = Checks.atLeastOne("DataParallelTrainer", "epochs", epochs);
        return this;
    }

    /** The mini-batch size (100 unless set); a batch larger than the training set is cut to it. */
    public DataParallelTrainer batchSize(int batchSize) {
        this.batchSize = Checks.atLeastOne("DataParallelTrainer", "a batch size", batchSize);
        return this;
    }

    /** The seed every epoch's generator is derived from, as {@link Trainer#seed}; 0 unless set. */
    public DataParallelTrainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    public DataParallelTrainer sampling(Sampling sampling) {
        this.sampling = Objects.requireNonNull(sampling, "DataParallelTrainer: expected a sampling mode, got null");
        return this;
    }

    /** Scores this set after every epoch (the test accuracy); null for none. */
    public DataParallelTrainer evaluateOn(ExampleSet evaluation) {
        this.evaluation = evaluation;
        return this;
    }

    /** Whether to score the whole training set after each epoch (true unless set; false records NaN). */
    public DataParallelTrainer trainAccuracy(boolean score) {
        this.scoreTrainingSet = score;
        return this;
    }

    /** Where the epoch lines go (System.out unless set). */
    public DataParallelTrainer output(PrintStream out) {
        this.out = Objects.requireNonNull(out, "DataParallelTrainer: expected a PrintStream, got null");
        return this;
    }

    /** Prints nothing. */
    public DataParallelTrainer quiet() {
        this.quiet = true;
        return this;
    }

    /** The depth of Spark's {@code treeAggregate} (2 unless set). */
    public DataParallelTrainer depth(int depth) {
        this.depth = Checks.atLeastOne("DataParallelTrainer", "a tree depth", depth);
        return this;
    }

    /** After each epoch, writes a {@link Checkpoint} into {@code dir}, as {@link Trainer#checkpointTo}. */
    public DataParallelTrainer checkpointTo(Path dir, Map<String, String> metadata) {
        this.checkpointDir = Objects.requireNonNull(dir, "DataParallelTrainer: expected a directory, got null");
        this.checkpointMetadata = Map.copyOf(metadata);
        return this;
    }

    /** Continues from the checkpoint in {@code dir}, as {@link Trainer#resumeFrom(Path)}. */
    public DataParallelTrainer resumeFrom(Path dir) throws IOException {
        return resumeFrom(Checkpoint.load(dir), Checkpoint.file(dir).toString());
    }

    /**
     * Continues from {@code c} (read from {@code file}): its network and optimizer state are copied
     * in now (a checkpoint of another shape or optimizer is refused and changes nothing), and its
     * seed, batch size and sampling are taken, as {@link Trainer#resumeFrom(Checkpoint, String)}.
     */
    public DataParallelTrainer resumeFrom(Checkpoint c, String file) throws BadFileException {
        c.restore(network, optimizer, file);
        this.resumed = c;
        this.resumedFile = java.nio.file.Path.of(file);
        this.seed = c.seed();
        this.batchSize = c.batchSize();
        this.sampling = c.sampling();
        return this;
    }

    /** Trains for the configured epochs on {@code train} and returns their history. */
    public TrainingHistory fit(ExampleSet train) {
        Objects.requireNonNull(train, "DataParallelTrainer: expected a training set, got null");
        if (train.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(train.name() + ": mini-batches are drawn from at most "
                    + Integer.MAX_VALUE + " examples, got " + train.size());
        }
        int n = (int) train.size();
        MiniBatches batches = new MiniBatches(numbers(n), batchSize);
        ParameterVector vector = new ParameterVector(network);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(train.blocks().context());
        TrainingHistory history = new TrainingHistory();
        int first = 1;
        if (resumed != null) {
            if (resumed.trainExamples() != n) {
                throw new IllegalArgumentException("DataParallelTrainer: the checkpoint was trained on "
                        + resumed.trainExamples() + " examples; this training set has " + n);
            }
            resumed.history().epochs().forEach(history::add);
            first = resumed.epoch() + 1;
        }
        // the directory belongs to this run while it trains, as with Trainer (CheckpointDirectory)
        try (CheckpointDirectory claimed =
                checkpointDir == null ? null : CheckpointDirectory.claim(checkpointDir, resumedFile)) {
            for (int epoch = first; epoch <= epochs; epoch++) {
                Random r = Trainer.epochRandom(seed, epoch);
                network.reseed(r.nextLong());
                long start = System.nanoTime();
                double meanLoss = trainEpoch(sc, train, batches, vector, r, epoch);
                double seconds = (System.nanoTime() - start) / 1e9;
                double trainAcc = scoreTrainingSet
                        ? Scoring.correct(sc, run, source, vector.values(), train) / (double) n
                        : Double.NaN;
                long testCorrect =
                        evaluation == null ? -1 : Scoring.correct(sc, run, source, vector.values(), evaluation);
                double testAcc = evaluation == null ? Double.NaN : testCorrect / (double) evaluation.size();
                EpochStats stats = new EpochStats(epoch, meanLoss, trainAcc, testAcc, seconds);
                history.add(stats);
                if (checkpointDir != null) {
                    saveCheckpoint(epoch, history, n);
                }
                if (!quiet) {
                    out.println(stats.line((int) testCorrect, evaluation == null ? 0 : (int) evaluation.size()));
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return history;
    }

    /** One pass; returns the mean loss per example, as {@code Trainer} does. */
    private double trainEpoch(
            JavaSparkContext sc, ExampleSet train, MiniBatches batches, ParameterVector vector, Random r, int epoch) {
        Map<String, Parameter> params = network.parameters();
        int iterations = batches.count();
        if (sampling == Sampling.SHUFFLE) {
            batches.shuffle(r);
        }
        DivergenceGuard guard = new DivergenceGuard();
        double[] g = new double[vector.size()];
        double lossSum = 0;
        long seen = 0;
        for (int it = 0; it < iterations; it++) {
            Batch b = sampling == Sampling.SHUFFLE ? batches.get(it) : batches.draw(r);
            long[] batch = new long[b.size()];
            double[] numbers = b.x().data();
            for (int i = 0; i < batch.length; i++) {
                batch[i] = (long) numbers[i];
            }
            double[] w = vector.values();
            double loss = stepGradient(sc, train, w, batch, g, vector);
            vector.setGradients(g);
            guard.check(loss, params, epoch, it + 1, iterations, optimizer.learningRate());
            optimizer.step(params);
            lossSum += loss * batch.length;
            seen += batch.length;
        }
        return lossSum / seen;
    }

    /** The mean loss (weight decay included) of the batch at {@code w}; its gradient into {@code g}. */
    private double stepGradient(
            JavaSparkContext sc, ExampleSet train, double[] w, long[] batch, double[] g, ParameterVector vector) {
        Broadcast<PartitionWork.Step> step = sc.broadcast(new PartitionWork.Step(w, batch));
        GradientSum sum;
        try {
            sum = train.blocks()
                    .mapPartitionsWithIndex(
                            new PartitionWork.StepSum(run, source, step, train.exampleShape(), train.starts()), true)
                    .treeAggregate(new GradientSum(), GradientSum::merge, GradientSum::merge, depth);
        } finally {
            step.destroy();
        }
        if (sum.problem() != null) {
            throw new IllegalStateException(train.name() + ": " + sum.problem());
        }
        if (sum.rows() != batch.length) {
            throw new IllegalStateException(train.name() + ": the partitions returned " + sum.rows()
                    + " of the batch's " + batch.length + " examples");
        }
        sum.gradient(batch.length, g);
        return sum.loss() / batch.length + vector.addDecay(w, g);
    }

    private void saveCheckpoint(int epoch, TrainingHistory history, int trainExamples) {
        try {
            new Checkpoint(
                            epoch,
                            seed,
                            batchSize,
                            sampling,
                            optimizer.name(),
                            optimizer.learningRate(),
                            trainExamples,
                            "", // no fingerprint: the examples live in Spark's partitions, not in one Dataset
                            history,
                            network.state(),
                            optimizer.state(network.parameters()),
                            checkpointMetadata)
                    .save(checkpointDir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "DataParallelTrainer: cannot write the checkpoint of epoch " + epoch + " into " + checkpointDir
                            + ": " + e.getMessage(),
                    e);
        }
    }

    /** The examples' numbers {@code 0 .. n−1} as a one-column data set, so that {@link MiniBatches} picks batches of them. */
    private static Dataset numbers(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return new Dataset(Tensor.of(v, n, 1), new int[n], 1);
    }
}

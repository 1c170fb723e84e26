package org.bricknet.optim.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.optim.Optimizer;

/**
 * Everything a {@link Trainer} needs to continue a run exactly: the network's state (parameters
 * and buffers) after {@link #epoch} epochs, the optimizer's state (velocities, moments, step
 * count), the seed from which each epoch's generator is derived, the batch size and sampling, and
 * the history so far. It is one safetensors file, {@value #FILE} in the checkpoint directory,
 * written atomically after each epoch: tensors {@code network/<key>} and {@code optimizer/<key>},
 * the rest in {@code __metadata__} (the history as JSON text), plus whatever the caller adds (the
 * command line puts the model spec there). A directory holds the last complete checkpoint or
 * none; a half-written one cannot be mistaken for it.
 *
 * <p>What a checkpoint must be to be resumed: every tensor finite, the optimizer's state possible
 * for its rule (checked by {@link Optimizer#loadState}: no negative second moment), and the same
 * training data: it records {@link Dataset#fingerprint()} ({@code data} in the metadata; a
 * checkpoint written before fingerprints were recorded is held to the number of examples only).
 */
public record Checkpoint(
        int epoch,
        long seed,
        int batchSize,
        Sampling sampling,
        String optimizer,
        double learningRate,
        int trainExamples,
        String dataFingerprint,
        TrainingHistory history,
        Map<String, Tensor> network,
        Map<String, double[]> optimizerState,
        Map<String, String> extra) {

    /** The file name inside a checkpoint directory. */
    public static final String FILE = "checkpoint.safetensors";

    static final String FORMAT = "bricknet-checkpoint-1";
    private static final String NET = "network/";
    private static final String OPT = "optimizer/";
    private static final java.util.List<String> RESERVED = java.util.List.of(
            "format",
            "epoch",
            "seed",
            "batch_size",
            "sampling",
            "optimizer",
            "learning_rate",
            "train_examples",
            "data",
            "history");

    /** The checkpoint file of a directory. */
    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** Writes the checkpoint into {@code dir} atomically, replacing the previous one. */
    public void save(Path dir) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("epoch", Integer.toString(epoch));
        meta.put("seed", Long.toString(seed));
        meta.put("batch_size", Integer.toString(batchSize));
        meta.put("sampling", sampling.name());
        meta.put("optimizer", optimizer);
        meta.put("learning_rate", Double.toString(learningRate));
        meta.put("train_examples", Integer.toString(trainExamples));
        meta.put("data", dataFingerprint);
        meta.put("history", HistoryJson.write(history));
        extra.forEach((k, v) -> {
            if (RESERVED.contains(k)) {
                throw new IllegalArgumentException("Checkpoint: metadata key '" + k + "' is reserved");
            }
            meta.put(k, v);
        });
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        network.forEach((k, t) -> tensors.put(NET + k, t));
        optimizerState.forEach((k, v) -> tensors.put(OPT + k, Tensor.of(v, v.length)));
        SafeTensors.save(file(dir), tensors, meta);
    }

    /** Reads {@code dir}'s checkpoint; a missing, corrupt or foreign file is a {@link BadFileException}. */
    public static Checkpoint load(Path dir) throws IOException {
        Path file = file(dir);
        String name = file.toString();
        SafeTensors.Contents c = SafeTensors.load(file);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        if (!FORMAT.equals(meta.get("format"))) {
            throw new BadFileException(name, "__metadata__ 'format' is " + meta.get("format") + "; expected " + FORMAT);
        }
        Map<String, Tensor> net = new LinkedHashMap<>();
        Map<String, double[]> opt = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            if (e.getKey().startsWith(NET)) {
                net.put(e.getKey().substring(NET.length()), e.getValue());
            } else if (e.getKey().startsWith(OPT)) {
                opt.put(e.getKey().substring(OPT.length()), e.getValue().data());
            } else {
                throw new BadFileException(
                        name, "tensor '" + e.getKey() + "' is neither network/ nor optimizer/ state");
            }
        }
        requireFinite(c.tensors(), name);
        Fields f = new Fields(meta, name);
        int epoch = f.integer("epoch", 1);
        TrainingHistory history = HistoryJson.read(f.text("history"), epoch, name);
        Checkpoint cp = new Checkpoint(
                epoch,
                f.number("seed"),
                f.integer("batch_size", 1),
                f.sampling(),
                f.text("optimizer"),
                f.learningRate(),
                f.integer("train_examples", 1),
                meta.getOrDefault("data", ""),
                history,
                net,
                opt,
                f.rest(RESERVED));
        return cp;
    }

    /**
     * Refuses a checkpoint with a NaN or infinite value: such a run cannot be continued, and its
     * parameters are not "the last good" ones.
     */
    static void requireFinite(Map<String, Tensor> tensors, String name) throws BadFileException {
        String bad = firstNotFinite(tensors);
        if (bad != null) {
            throw new BadFileException(name, "tensor " + bad + "; a checkpoint must hold finite values only");
        }
    }

    /** The first value that is NaN or infinite, as {@code 'W1' holds NaN at element 3}, or null if none is. */
    static String firstNotFinite(Map<String, Tensor> tensors) {
        return ModelFiles.firstNotFinite(tensors);
    }

    /**
     * Refuses to continue this checkpoint on {@code train} unless it is the data it was trained
     * on: the same number of examples and, when recorded, the same fingerprint.
     */
    public void requireSameData(Dataset train, String file) throws BadFileException {
        if (train.size() != trainExamples) {
            throw new BadFileException(
                    file,
                    "was trained on " + trainExamples + " examples; this training set has " + train.size()
                            + " (resume on the data the run started with)");
        }
        if (!dataFingerprint.isEmpty() && !dataFingerprint.equals(train.fingerprint())) {
            throw new BadFileException(
                    file,
                    "was trained on other data of the same size (" + dataFingerprint + "); this training set is "
                            + train.fingerprint() + " (resume on the data the run started with)");
        }
    }

    /**
     * Copies the network state and the optimizer state into {@code net} and {@code opt}; a
     * checkpoint of another model shape or another optimizer is refused and changes nothing.
     */
    public void restore(Network net, Optimizer opt, String name) throws BadFileException {
        if (!optimizer.equals(opt.name())) {
            throw new BadFileException(
                    name, "was written by optimizer '" + optimizer + "'; this run uses '" + opt.name() + "'");
        }
        Map<String, Tensor> state = net.state();
        if (!network.keySet().equals(state.keySet())) {
            throw new BadFileException(
                    name, "holds network state " + network.keySet() + " but the model has " + state.keySet());
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            Tensor t = network.get(e.getKey());
            if (!t.sameShape(e.getValue())) {
                throw new BadFileException(
                        name,
                        "tensor '" + e.getKey() + "' has shape " + t.shapeString() + " but the model's has "
                                + e.getValue().shapeString());
            }
        }
        Map<String, Parameter> params = net.parameters();
        Map<String, double[]> before = opt.state(params);
        if (!before.keySet().equals(optimizerState.keySet())) {
            throw new BadFileException(
                    name,
                    "holds optimizer state " + optimizerState.keySet() + " but " + optimizer + " on this model has "
                            + before.keySet());
        }
        try {
            opt.loadState(params, optimizerState);
        } catch (IllegalArgumentException e) {
            opt.loadState(params, before);
            throw new BadFileException(
                    name, "optimizer state is not one " + optimizer + " can hold: " + e.getMessage(), e);
        }
        opt.setLearningRate(learningRate);
        state.forEach((k, v) -> v.copyFrom(network.get(k)));
    }
}

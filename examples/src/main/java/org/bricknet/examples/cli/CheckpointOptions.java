package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.optim.training.Checkpoint;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --checkpoint DIR} and {@code --resume DIR} of {@code train}. A checkpoint directory holds
 * one file, {@value Checkpoint#FILE}, replaced atomically after each epoch (and the lock of the run
 * writing it); it belongs to one run: a fresh run is refused a directory holding another run's
 * checkpoint, and a second run at once is refused by the lock. Resuming takes the model, optimizer,
 * learning rate, seed and batch size from the checkpoint, refuses a command-line option that
 * disagrees, other training data, and a target of fewer epochs than the checkpoint has done.
 */
public final class CheckpointOptions {
    @Option(
            names = "--checkpoint",
            paramLabel = "DIR",
            description = "after each epoch, write everything needed to continue into DIR/" + Checkpoint.FILE)
    Path checkpoint;

    @Option(
            names = "--resume",
            paramLabel = "DIR",
            description =
                    "continue the run checkpointed in DIR (its model, optimizer, learning rate, seed and batch size) "
                            + "up to --epochs in all; checkpoints go on into DIR unless --checkpoint says elsewhere")
    Path resume;

    /** The checkpoint to resume from, or null when not resuming. */
    Checkpoint load() throws IOException {
        return resume == null ? null : Checkpoint.load(resume);
    }

    /** The checkpoint file resumed from, for messages. */
    String resumedFile() {
        return Checkpoint.file(resume).toString();
    }

    /** The outputs and inputs these options add to a run: the checkpoint directory, the checkpoint continued. */
    void addTo(OutputPaths paths) {
        Path continued = resume == null ? null : Checkpoint.file(resume);
        paths.checkpointDirectory(checkpoint != null ? "--checkpoint" : "--resume", target(), continued)
                .input("the checkpoint this run continues", continued);
    }

    /** Refuses a target of fewer epochs than the checkpoint has done. */
    void requireTarget(CommandLine cl, Checkpoint c, int epochs) {
        if (epochs < c.epoch()) {
            throw new ParameterException(
                    cl,
                    "--epochs " + epochs + ": the checkpoint in " + resume + " is after epoch " + c.epoch()
                            + " already; ask for " + c.epoch() + " or more epochs in all");
        }
    }

    /** Refuses to continue the checkpoint on other training data than it was trained on. */
    void requireSameData(Checkpoint c, org.bricknet.core.data.Dataset train) throws IOException {
        c.requireSameData(train, resumedFile());
    }

    /** Where checkpoints go: {@code --checkpoint}, else the directory resumed from, else nowhere (null). */
    Path target() {
        return checkpoint != null ? checkpoint : resume;
    }

    /** The model spec a checkpoint was written with, checked against the size of its tensors before anything is built. */
    ModelSpec spec(Checkpoint c) throws IOException {
        ModelSpec s = ModelSpec.fromMetadata(c.extra(), resumedFile());
        s.requireParameterCount(
                c.network().values().stream().mapToLong(t -> t.size()).sum(), resumedFile());
        return s;
    }

    /** The metadata {@code train} adds to each checkpoint: the model and the planned number of epochs. */
    static Map<String, String> metadata(ModelSpec spec, int epochs) {
        Map<String, String> m = new LinkedHashMap<>(spec.metadata());
        m.remove("format");
        m.put("epochs", Integer.toString(epochs));
        return m;
    }

    /**
     * The learning rate the checkpointed run started with: its first epoch's (a schedule may have
     * changed it since), or the checkpoint's when the history does not record rates.
     */
    static double initialRate(Checkpoint c) {
        double first =
                c.history().isEmpty() ? Double.NaN : c.history().epochs().get(0).learningRate();
        return Double.isFinite(first) ? first : c.learningRate();
    }

    /** The planned number of epochs a checkpoint records. */
    int epochs(Checkpoint c) throws IOException {
        String v = c.extra().get("epochs");
        try {
            int e = Integer.parseInt(v == null ? "" : v);
            if (e >= 1) {
                return e;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.bricknet.core.io.BadFileException(
                resumedFile(),
                "__metadata__ 'epochs' is " + (v == null ? "missing" : "'" + v + "'")
                        + "; expected a whole number >= 1");
    }

    /** The options that shape the model: when resuming, the model comes from the checkpoint instead. */
    private static final String[] MODEL_OPTIONS = {
        "--model",
        "--hidden",
        "--activation",
        "--init",
        "--dropout",
        "--batch-norm",
        "--weight-decay",
        "--loss",
        "--lambda"
    };

    /**
     * Refuses, when resuming, a model option (the model is the checkpoint's) and an optimizer,
     * learning rate, seed or batch size that disagrees with the checkpoint's.
     */
    void requireAgrees(
            CommandLine cl, ModelSpec model, Checkpoint c, String optimizer, double lr, long seed, int batch) {
        for (String option : MODEL_OPTIONS) {
            if (cl.getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(
                        cl,
                        option + ": the model comes from the checkpoint in " + resume + " (" + model
                                + "); leave it out when resuming");
            }
        }
        agree(cl, "--optimizer", optimizer, c.optimizer());
        agree(cl, "--lr", lr, initialRate(c));
        agree(cl, "--seed", seed, c.seed());
        agree(cl, "--batch-size", batch, c.batchSize());
    }

    private void agree(CommandLine cl, String option, Object given, Object inCheckpoint) {
        if (!given.equals(inCheckpoint)) {
            throw new ParameterException(
                    cl,
                    option + " " + given + " disagrees with the checkpoint in " + resume + " (" + inCheckpoint
                            + "); leave it out when resuming");
        }
    }
}

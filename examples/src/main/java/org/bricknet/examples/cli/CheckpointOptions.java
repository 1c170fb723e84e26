package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bricknet.optim.Checkpoint;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --checkpoint DIR} and {@code --resume DIR} of {@code train}. A checkpoint directory holds
 * one file, {@value Checkpoint#FILE}, replaced atomically after each epoch; resuming takes the
 * model, optimizer, learning rate, seed and batch size from it, and refuses a command-line option
 * that disagrees.
 */
public final class CheckpointOptions {
    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "after each epoch, write everything needed to continue into DIR/" + Checkpoint.FILE)
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue the run checkpointed in DIR (its model, optimizer, learning rate, seed and batch size) "
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

    /** Where checkpoints go: {@code --checkpoint}, else the directory resumed from, else nowhere (null). */
    Path target() {
        return checkpoint != null ? checkpoint : resume;
    }

    /** The model spec a checkpoint was written with, checked against the size of its tensors before anything is built. */
    ModelSpec spec(Checkpoint c) throws IOException {
        ModelSpec s = ModelSpec.fromMetadata(c.extra(), resumedFile());
        s.requireParameterCount(c.network().values().stream().mapToLong(t -> t.size()).sum(), resumedFile());
        return s;
    }

    /** The metadata {@code train} adds to each checkpoint: the model and the planned number of epochs. */
    static Map<String, String> metadata(ModelSpec spec, int epochs) {
        Map<String, String> m = new LinkedHashMap<>(spec.metadata());
        m.remove("format");
        m.put("epochs", Integer.toString(epochs));
        return m;
    }

    /** The planned number of epochs a checkpoint records. */
    int epochs(Checkpoint c) throws IOException {
        try {
            return Integer.parseInt(Objects.requireNonNull(c.extra().get("epochs")));
        } catch (RuntimeException e) {
            throw new org.bricknet.core.io.BadFileException(resumedFile(), "__metadata__ 'epochs' is missing or not a number");
        }
    }

    /** Refuses an option given on the command line whose value disagrees with the checkpoint's. */
    void requireAgrees(CommandLine cl, String option, Object given, Object inCheckpoint) {
        if (given != null && !given.toString().equals(inCheckpoint.toString())) {
            throw new ParameterException(cl, option + " " + given + " disagrees with the checkpoint in " + resume
                    + " (" + inCheckpoint + "); leave it out when resuming");
        }
    }
}

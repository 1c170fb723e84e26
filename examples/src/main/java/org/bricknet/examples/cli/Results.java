package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.bricknet.core.Network;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.optim.training.TrainingDivergedException;

/**
 * What {@code train} leaves behind: the model ({@code --save}) first, then the other outputs (the
 * pictures and the history of {@link RunOutputs}), so that an output that cannot be drawn or
 * written never costs the model; and after a divergence, the last good parameters, only when they
 * are finite.
 */
final class Results {
    /** A file written after the model: the option that asked for it, where, what it is, and how. */
    record Output(String option, Path file, String what, Writing writing) {}

    /** An output being drawn and written. */
    @FunctionalInterface
    interface Writing {
        void write() throws IOException;
    }

    private final Path save;
    private final PrintStream out;
    private final PrintWriter err;

    Results(Path save, PrintStream out, PrintWriter err) {
        this.save = save;
        this.out = out;
        this.err = err;
    }

    /**
     * Saves the model, then writes the outputs in order; returns the exit code: 1 if an output
     * failed (said on the error stream, with where the model is; the others are still written),
     * else 0.
     */
    int saveAndWrite(Network net, ModelSource spec, List<Output> outputs) throws IOException {
        if (save != null) {
            spec.save(save, net);
            out.println("saved model to " + save);
        }
        int code = 0;
        for (Output o : outputs) {
            code |= write(o);
        }
        return code;
    }

    /** After a divergence: saves the parameters from before the bad step with {@code --save}, when they are finite. */
    void keepLastGood(Network net, ModelSource spec, TrainingDivergedException e) throws IOException {
        if (save == null || e.beforeFirstStep()) {
            return;
        }
        String bad = ModelFiles.firstNotFinite(net.state());
        if (bad != null) {
            out.println("not saving " + save + ": the parameters are no longer finite (" + bad + ")");
            return;
        }
        spec.save(save, net);
        out.println("saved the last good parameters to " + save);
    }

    private int write(Output o) {
        try {
            o.writing().write();
            out.println("saved " + o.what() + " to " + o.file());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("bricknet: " + o.option() + " " + Main.message(e)
                    + (save != null ? " (the model is saved in " + save + ")" : ""));
            return 1;
        }
    }
}

package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.bricknet.core.Network;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.optim.training.TrainingDivergedException;
import org.bricknet.optim.training.TrainingHistory;

/**
 * What {@code train} leaves behind: the model ({@code --save}) first, then the pictures
 * ({@code --plot}, {@code --plot-weights}), so that a picture that cannot be drawn or written never
 * costs the model; and after a divergence, the last good parameters, only when they are finite.
 */
final class Results {
    private final Path save;
    private final Path plot;
    private final Path plotWeights;
    private final PrintStream out;
    private final PrintWriter err;

    Results(Path save, Path plot, Path plotWeights, PrintStream out, PrintWriter err) {
        this.save = save;
        this.plot = plot;
        this.plotWeights = plotWeights;
        this.out = out;
        this.err = err;
    }

    /**
     * Saves the model, then draws the pictures asked for; returns the exit code: 1 if a picture
     * failed (said on the error stream, with where the model is), else 0.
     */
    int saveAndDraw(Network net, ModelSource spec, TrainingHistory history) throws IOException {
        if (save != null) {
            spec.save(save, net);
            out.println("saved model to " + save);
        }
        int code = 0;
        if (plot != null && history != null) {
            code |= draw("--plot", plot, "plot", () -> Plots.history(history, spec.toString(), plot));
        }
        if (plotWeights != null) {
            code |= draw(
                    "--plot-weights", plotWeights, "first-layer weights", () -> spec.drawFirstLayer(net, plotWeights));
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

    private int draw(String option, Path file, String what, Plots.Drawing drawing) {
        try {
            drawing.draw();
            out.println("saved " + what + " to " + file);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("bricknet: " + option + " " + Main.message(e)
                    + (save != null ? " (the model is saved in " + save + ")" : ""));
            return 1;
        }
    }
}

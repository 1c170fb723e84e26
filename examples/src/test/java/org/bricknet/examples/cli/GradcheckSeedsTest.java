package org.bricknet.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code gradcheck} passes on every built-in model: in subset and direction mode with the command's
 * defaults for seeds 1, 2 and 20 (the sweep of seeds 1 to 20 takes about 40 s and is run by the
 * command in the README's gradcheck section), and in full mode for the models whose full check
 * takes seconds (two-layer, nielsen; the full checks of mlp and cnn take minutes, measured there).
 * Before, cnn failed in subset mode (zero pixels and zero biases put ReLU and max-pooling on kinks)
 * and passed direction mode having compared nothing of two tensors.
 */
@Tag("slow")
class GradcheckSeedsTest {
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new GradcheckCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        assertEquals(0, code, () -> String.join(" ", args) + "\n" + out);
        assertTrue(out.toString().contains("PASSED") && !out.toString().contains("not checked"), out::toString);
        return out.toString();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "two-layer, subset",
        "two-layer, direction",
        "nielsen, subset",
        "nielsen, direction",
        "mlp, subset",
        "mlp, direction",
        "cnn, subset",
        "cnn, direction"
    })
    void everyModelPassesInSubsetAndDirectionMode(String model, String mode) {
        for (int seed : new int[] {1, 2, 20}) {
            run("--model", model, "--mode", mode, "--seed", Integer.toString(seed));
        }
    }

    @ParameterizedTest(name = "{0} full, seed {1}")
    @CsvSource({"two-layer, 1", "two-layer, 17", "nielsen, 1", "nielsen, 20"})
    void theSmallModelsPassAFullCheck(String model, int seed) {
        run("--model", model, "--mode", "full", "--seed", Integer.toString(seed));
    }
}

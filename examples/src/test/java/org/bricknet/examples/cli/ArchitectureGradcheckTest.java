package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.ArchitectureCommandLineTest.refused;
import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gradcheck --architecture FILE.json}: a fresh network of the file, checked whole and node by
 * node on digits moved off the kinks, in every mode; a wrong mix of options refused.
 */
class ArchitectureGradcheckTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"full, 2", "subset, 3", "direction, 3"})
    void aSmallArchitecturePassesInEveryModeNodeByNode(String mode, int digits) throws Exception {
        Path file = Architectures.write(dir, "mlp.json", Architectures.mlp(null).replace("\"out\": 16", "\"out\": 3"));
        CommandLineTest.Run r = run("gradcheck", "--architecture", file.toString(), "--mode", mode);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(
                r.out()
                        .startsWith("gradcheck " + file + " (784 → 10), freshly initialised, on the first " + digits
                                + " embedded test digits, each pixel raised by up to 0.05 (off the kinks), seed 1\n"),
                r.out());
        for (String row : new String[] {"input x ", "fc1.W ", "bn.gamma ", "[fc1] W ", "[bn] fc1 ", "[scores] drop "}) {
            assertTrue(r.out().contains("\n" + row), row + " in\n" + r.out());
        }
        assertTrue(r.out().contains("\nPASSED\n") && r.out().contains("took "), r.out());
        if (mode.equals("full")) {
            assertTrue(
                    r.out()
                            .contains("full check: 7,939 evaluations of the network (two per element), then each node"
                                    + " alone on its own inputs and parameters"),
                    r.out());
        }
    }

    @Test
    void optionsThatDoNotGoTogetherAreRefused() throws Exception {
        Path file = Architectures.write(dir, "mlp.json", Architectures.mlp(null));
        refused(
                run("gradcheck", "--architecture", file.toString(), "--model", "cnn"),
                2,
                "bricknet: --model and --architecture: give one (a built-in model, a model file, or an architecture)");
        refused(
                run("gradcheck", "--architecture", file.toString(), "--batch", "1", "--mode", "direction"),
                2,
                "bricknet: --batch 1: batch normalization over one example makes every gradient before it 0, which"
                        + " checks nothing; give --batch 2 or more");
        refused(
                run("gradcheck", "--model", "resnet"),
                2,
                "bricknet: --model: unknown model 'resnet'; expected one of [two-layer, nielsen, mlp, cnn, nielsen2,"
                        + " logistic], or a model"
                        + " file saved by train --save");
    }

    /** The shipped architectures in the quick modes; every mode, full included, is measured in the README. */
    @Tag("slow")
    @ParameterizedTest
    @CsvSource({"residual-mlp.json, direction", "residual-mlp.json, subset", "branching-cnn.json, direction"})
    void theShippedArchitecturesPass(String file, String mode) {
        CommandLineTest.Run r = run(
                "gradcheck",
                "--architecture",
                Path.of("architectures", file).toString(),
                "--mode",
                mode,
                "--seed",
                "3");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\nPASSED\n"), r.out());
    }
}

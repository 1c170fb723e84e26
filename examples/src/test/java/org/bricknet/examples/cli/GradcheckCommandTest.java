package org.bricknet.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.testing.TestLayers.MatMul;
import org.bricknet.losses.SoftmaxWithLoss;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GradcheckCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new GradcheckCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aSubsetCheckOfTheTwoLayerNetPassesAndPrintsTheTable() {
        assertEquals(0, run("--mode", "subset", "--subset-size", "5"), err::toString);
        String s = out.toString();
        assertTrue(
                s.startsWith("gradcheck TwoLayerNet(784, 50, 10) on the first 3 embedded test digits, each pixel raised"
                        + " by up to 0.05 (off the kinks), seed 1"),
                s);
        for (String row : new String[] {"input", "W1", "b1", "W2", "b2"}) {
            assertTrue(s.contains("\n" + row + " "), s);
        }
        assertTrue(s.contains("(3, 784)") && s.contains("(784, 50)") && s.contains("PASSED"), s);
        assertTrue(s.contains("subset(5, seed 1)") && s.contains("took "), s);
    }

    @Test
    void aDirectionCheckPasses() {
        assertEquals(0, run("--mode", "direction", "--directions", "3", "--batch", "2", "--seed", "7"), err::toString);
        assertTrue(out.toString().contains("directions(3, seed 7)"), out::toString);
    }

    @Test
    void aWrongGradientExitsWithOne() {
        Random r = new Random(1);
        Network net = new Network()
                .add("MatMul1", new MatMul(Tensor.randn(r, 1.0, 5, 5), MatMul.Mistake.TRANSPOSED))
                .withLoss(new SoftmaxWithLoss());
        int code = GradcheckCommand.check(
                net,
                Tensor.uniform(r, 0, 1, 3, 5),
                Tensor.vector(0, 4, 2),
                CheckMode.full(),
                Tolerance.DEFAULT,
                new PrintWriter(out));
        assertEquals(1, code);
        assertTrue(out.toString().contains("FAILED"), out::toString);
    }

    @Test
    void everyModelPassesADirectionCheck() {
        for (String model : new String[] {"nielsen", "mlp", "cnn"}) {
            assertEquals(
                    0,
                    run("--model", model, "--mode", "direction", "--directions", "2", "--batch", "2"),
                    () -> model + "\n" + out + err);
        }
        String s = out.toString();
        assertTrue(s.contains("NielsenNetwork(784, 30, 10)"), s);
        assertTrue(s.contains("MultiLayerNet(784, 100, 100, 100, 10, batch norm, dropout 0.15, weight decay 1e-4)"), s);
        assertTrue(s.contains("gamma3") && s.contains("SimpleConvNet(1,28,28 → 100,10)"), s);
    }

    @Test
    void unknownModelsAndModesAreUsageErrorsThatListTheChoices() {
        assertEquals(2, run("--model", "resnet"));
        assertTrue(
                err.toString()
                        .contains("unknown model 'resnet'; expected one of [two-layer, nielsen, mlp, cnn, nielsen2,"
                                + " logistic]"),
                err::toString);
        assertEquals(2, run("--mode", "everything"));
        assertTrue(err.toString().contains("expected one of full, subset, direction"), err::toString);
    }

    @Test
    void helpListsTheModelsAndModes() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("two-layer") && out.toString().contains("--subset-size"), out::toString);
    }
}

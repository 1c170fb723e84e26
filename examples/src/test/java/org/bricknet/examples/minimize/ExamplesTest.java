package org.bricknet.examples.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.examples.cli.MinimizeCommand;
import org.bricknet.optim.minimize.CurveFit;
import org.bricknet.optim.minimize.Gradients;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ExamplesTest {

    @Test
    void fminDemoFindsTwoWithEveryMethod() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FminDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        for (String method : new String[] {"Nelder-Mead", "Powell", "BFGS", "CG"}) {
            assertTrue(out.contains(method + ": Optimization terminated successfully."), out);
        }
        assertEquals(4, out.split("Current function value: 4.000000", -1).length - 1, out);
    }

    @Test
    void logisticCostByHandAndAgainstFiniteDifferences() {
        // one input x = [1, 2], t = 1, w = [0.5, -0.25], b = 0 → z = 0, p = 1/2:
        // cost = log 2 + λ·(0.25 + 0.0625); dw = (p − t)·x + 2λw = [−0.5 + λ, −1 − 0.5λ]; db = −0.5
        LogisticCost c = new LogisticCost(Tensor.matrix(new double[][] {{1, 2}}), new double[] {1}, 0.01);
        double[] g = new double[3];
        assertEquals(Math.log(2) + 0.01 * 0.3125, c.valueAndGradient(new double[] {0.5, -0.25, 0}, g), 1e-15);
        assertArrayEquals(new double[] {-0.49, -1.005, -0.5}, g, 1e-15);
        Random r = new Random(5);
        double[] t = new double[8];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextInt(2);
        }
        LogisticCost big = new LogisticCost(Tensor.randn(r, 1.0, 8, 6), t, 0.01);
        double[] wb = Tensor.randn(r, 1.0, 7).data();
        // forward differences on a cost of order one: error about 1e-7; see Gradients
        assertTrue(Gradients.checkGrad(big, wb) < 1e-6);
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = MinimizeCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void minimizeCommandPrintsTheResult() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, run(out, err, "--function", "rosenbrock", "--dim", "10", "--method", "lbfgs"));
        assertTrue(out.toString().contains("L-BFGS: Optimization terminated successfully"), out.toString());
        assertTrue(out.toString().contains("Function evaluations: "), out.toString());
        assertEquals(0, run(out, err, "--function", "quadratic", "--dim", "3", "--method", "nelder-mead"));
        assertEquals("", err.toString());
    }

    @Test
    void unknownValuesGiveOneLineAndANonZeroExit() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(2, run(out, err, "--method", "newton"));
        assertEquals(
                "Invalid value for option '--method': expected one of nelder-mead, powell, cg, bfgs, lbfgs,"
                        + " gd, newton-cg, lbfgsb, least-squares, got 'newton'",
                err.toString().strip());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(out, err2, "--function", "sphere"));
        assertEquals(1, err2.toString().strip().lines().count(), err2.toString());
    }

    /**
     * DecayFit holds the samples {@code make_fixtures.py} drew (optim's test resources), and fits
     * what scipy 1.10.1's {@code curve_fit} fits to them ({@code decay_scipy.json}, written by the
     * same script), to 1e-6 relative.
     */
    @Test
    void decayFitHoldsScipysSamplesAndFitsScipysCurve() throws IOException {
        JsonNode s;
        try (InputStream in = ExamplesTest.class.getResourceAsStream("decay_scipy.json")) {
            s = new ObjectMapper().readTree(in);
        }
        double[] x = DecayFit.xdata();
        double[] y = DecayFit.ydata();
        assertEquals(s.get("xdata").size(), x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(s.get("xdata").get(i).asDouble(), x[i], "xdata[" + i + "]");
            assertEquals(s.get("ydata").get(i).asDouble(), y[i], "ydata[" + i + "]");
        }
        CurveFit.Result fit = DecayFit.fit();
        for (int i = 0; i < 3; i++) {
            double p = s.get("popt").get(i).asDouble();
            assertEquals(p, fit.popt()[i], 1e-6 * Math.abs(p));
            for (int j = 0; j < 3; j++) {
                double c = s.get("pcov").get(i).get(j).asDouble();
                assertEquals(c, fit.pcov()[i][j], 1e-6 * Math.abs(c));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DecayFit.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(fit.toString()));
    }
}

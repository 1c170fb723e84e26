package org.bricknet.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bricknet.examples.cli.CommandLineTest.Run;
import org.bricknet.examples.minimize.DecayFit;
import org.bricknet.examples.minimize.Reports;
import org.bricknet.optim.minimize.Lbfgsb;
import org.bricknet.optim.minimize.NewtonCg;
import org.bricknet.optim.minimize.Rosenbrock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bricknet minimize} with the methods of scipy's nonlinear section: each prints the
 * library's own result the way scipy prints it, and every bad value is one line with exit 2,
 * refused before anything big is allocated.
 */
class MinimizeCommandTest {

    private static void assertRefused(Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("bricknet: " + expected), r.err());
        assertFalse(
                r.err().contains("Exception")
                        || r.err().contains("\tat ")
                        || r.err().contains("Error"),
                r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    /** Without --hessp the products are differences of the gradient, as scipy's default; with it, Rosenbrock's own. */
    @Test
    void newtonCgPrintsAsFminNcg() {
        Rosenbrock f = new Rosenbrock();
        Run r = CommandLineTest.run("minimize", "--dim", "10", "--method", "newton-cg");
        assertEquals(0, r.code(), r.err());
        String expected = Reports.text("Newton-CG", new NewtonCg().minimize(f, null, Rosenbrock.classicStart(10)));
        assertTrue(r.out().contains(expected), r.out());
        assertTrue(expected.contains("         Hessian evaluations: 0\n"), expected);
        Run exact = CommandLineTest.run("minimize", "--dim", "10", "--method", "newton-cg", "--hessp");
        assertEquals(0, exact.code(), exact.err());
        assertTrue(
                exact.out()
                        .contains(
                                Reports.text("Newton-CG", new NewtonCg().minimize(f, f, Rosenbrock.classicStart(10)))),
                exact.out());
    }

    @Test
    void theBoundedProblemPrintsAsScipysOptimizeResult() {
        Run r = CommandLineTest.run("minimize", "--function", "rosenbrock-bounded", "--dim", "10");
        assertEquals(0, r.code(), r.err());
        String expected = new Lbfgsb()
                .bounds(Double.NEGATIVE_INFINITY, 0.5)
                .minimize(new Rosenbrock(), Rosenbrock.classicStart(10))
                .toString();
        assertTrue(r.out().contains("with L-BFGS-B, bounds x <= 0.5 in every coordinate\n" + expected), r.out());
        assertTrue(r.out().contains("note: x0 was outside the bounds"), r.out());
    }

    @Test
    void boundsPerCoordinate() {
        Run r = CommandLineTest.run(
                "minimize", "--dim", "3", "--method", "lbfgsb", "--lower", "-inf,0,0", "--upper", "0.5,inf,Infinity");
        assertEquals(0, r.code(), r.err());
        String expected = new Lbfgsb()
                .bounds(
                        new double[] {Double.NEGATIVE_INFINITY, 0, 0},
                        new double[] {0.5, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY})
                .minimize(new Rosenbrock(), Rosenbrock.classicStart(3))
                .toString();
        assertTrue(r.out().contains(expected), r.out());
        assertTrue(r.out().contains("bounds lower [-Infinity, 0.0000000, 0.0000000], upper [0.50000000,"), r.out());
    }

    @Test
    void theDecayFitPrintsPoptAndPcovAsNumpy() {
        Run r = CommandLineTest.run("minimize", "--function", "decay");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(DecayFit.fit().toString()), r.out());
        assertTrue(r.out().contains("popt: [2.4881799  1.27356829 0.44351878]"), r.out());
    }

    @Test
    void rosenbrockAsResidualsByLeastSquares() {
        Run r = CommandLineTest.run("minimize", "--dim", "4", "--method", "least-squares");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("with Levenberg-Marquardt, as the residuals"), r.out());
        assertTrue(r.out().contains("       x: [ 1.000e+00  1.000e+00  1.000e+00  1.000e+00]"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--dim 0|Invalid value for option '--dim': expected a whole number from 1 to 2147483639, got '0'",
                "--dim 99999999999|Invalid value for option '--dim': expected a whole number from 1 to 2147483639",
                "--dim ten|Invalid value for option '--dim': expected a whole number",
                "--dim 1|--dim: expected at least 2 for rosenbrock, got 1",
                "--method gd --learning-rate NaN|Invalid value for option '--learning-rate': expected a finite number > 0",
                "--method gd --learning-rate -1|Invalid value for option '--learning-rate': expected a finite number > 0",
                "--method gd --learning-rate Infinity|Invalid value for option '--learning-rate': expected a finite",
                "--method lbfgsb --lower 2 --upper 1|--lower/--upper: expected lower <= upper, got 2.0 > 1.0 at coordinate 0",
                "--method lbfgsb --lower nan|--lower: expected a number (or -inf for none), got 'nan'",
                "--method lbfgsb --upper -inf|--upper: expected a number (or inf for none), got '-inf'",
                "--method lbfgsb --lower 0,1,2|--lower: expected one number for every coordinate or 2 numbers separated",
                "--method bfgs --lower 0|--lower: only --method lbfgsb takes bounds, got --method bfgs",
                "--method lbfgs --hessp|--hessp: only --method newton-cg takes Hessian-vector products",
                "--function rosenbrock-bounded --method cg|--function rosenbrock-bounded has bounds; use --method lbfgsb",
                "--function decay --method bfgs|--method: the decay fit is a least-squares problem",
                "--function decay --dim 3|--dim: the decay fit has 3 parameters; leave --dim out",
                "--function quadratic --method least-squares|--method least-squares: expected a residual problem",
                "--method newton|Invalid value for option '--method': expected one of nelder-mead, powell, cg, bfgs,"
                        + " lbfgs, gd, newton-cg, lbfgsb, least-squares, got 'newton'"
            })
    void badValuesAreOneLine(String args, String expected) {
        assertRefused(CommandLineTest.run(("minimize " + args).split(" ")), expected);
    }

    /** The reliability issue's two crashes: each is now one line saying how much memory it needs. */
    @Test
    void runsTooLargeForTheHeapAreRefusedBeforeAllocating() {
        assertRefused(
                CommandLineTest.run("minimize", "--dim", "2000000000"),
                "--dim 2000000000: bfgs keeps its n×n matrix in one Java array, so --dim is at most 46340; use"
                        + " --method lbfgs");
        assertRefused(
                CommandLineTest.run("minimize", "--method", "bfgs", "--dim", "100000"),
                "--dim 100000: bfgs keeps its n×n matrix in one Java array");
        Run lbfgs = CommandLineTest.run("minimize", "--method", "lbfgs", "--dim", "2000000000");
        assertRefused(
                lbfgs,
                "--dim 2000000000 with --method lbfgs needs about 536.4 GiB (vectors of n doubles) and the heap allows ");
        assertTrue(lbfgs.err().contains("; run java with -Xmx"), lbfgs.err());
        assertRefused(
                CommandLineTest.run("minimize", "--method", "nelder-mead", "--dim", "100000"),
                "--dim 100000 with --method nelder-mead needs about 74.5 GiB (a simplex of n + 1 points of n doubles)");
        assertRefused(
                CommandLineTest.run("minimize", "--method", "least-squares", "--dim", "200000"),
                "--dim 200000 with --method least-squares needs about ");
    }
}

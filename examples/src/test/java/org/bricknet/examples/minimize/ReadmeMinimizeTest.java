package org.bricknet.examples.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bricknet.optim.minimize.BoundedBrent;
import org.bricknet.optim.minimize.Bracket;
import org.bricknet.optim.minimize.Brent;
import org.bricknet.optim.minimize.CurveFit;
import org.bricknet.optim.minimize.Golden;
import org.bricknet.optim.minimize.Lbfgsb;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.optim.minimize.Rosenbrock;
import org.bricknet.optim.minimize.ScalarResult;
import org.junit.jupiter.api.Test;

/** The README's "Minimize a function" snippets, run as written, with the values their comments claim. */
class ReadmeMinimizeTest {

    @Test
    void bounds() {
        OptimizeResult b = new Lbfgsb()
                .bounds(Double.NEGATIVE_INFINITY, 0.5) // x ≤ 0.5 in every coordinate
                .minimize(new Rosenbrock(), Rosenbrock.classicStart(10));
        assertTrue(b.success(), b::toString);
        assertEquals(0.5, b.x()[0]);
        assertTrue(b.note().startsWith("x0 was outside the bounds"), b.note());
    }

    @Test
    void curveFit() {
        double[] xdata = DecayFit.xdata();
        double[] ydata = DecayFit.ydata();
        CurveFit.Result fit =
                CurveFit.curveFit((x, p) -> p[0] * Math.exp(-p[1] * x) + p[2], xdata, ydata, new double[] {1, 1, 1});
        assertEquals(3, fit.popt().length);
        assertEquals(3, fit.pcov().length);
        assertEquals(Math.sqrt(fit.pcov()[2][2]), fit.perr()[2]);
        assertTrue(fit.toString().startsWith("popt: ["), fit::toString);
    }

    @Test
    void scalarMinimizers() {
        ScalarResult bounded = new BoundedBrent().minimize(x -> (x - 1) * (x - 1), 3, 4);
        assertEquals(3.000005960860986, bounded.x());
        assertEquals(25, bounded.nfev());
        ScalarResult brent = new Brent().minimize(x -> x * x, 1, 2);
        assertEquals(0, brent.x(), 1e-15);
        assertEquals(8, brent.nfev());
        assertTrue(new Golden().minimize(x -> x * x, -1, 0.5, 2).success());
        Bracket br = Bracket.find(x -> 10 * x * x + 3 * x + 5, 0, 1);
        assertEquals(1, br.xa());
        assertEquals(0, br.xb());
        assertEquals(-1.618034, br.xc());
    }
}

package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CurveFitTest {
    /** scipy's curve_fit example: {@code y = a·exp(−b·x) + c}. */
    static final CurveFit.Model DECAY = (x, p) -> p[0] * Math.exp(-p[1] * x) + p[2];

    static final JsonNode FIXTURE = ScipyFixtures.section("decay");
    static final double[] XDATA = ScipyFixtures.vector(FIXTURE.get("xdata"));
    static final double[] YDATA = ScipyFixtures.vector(FIXTURE.get("ydata"));
    static final double[] P0 = ScipyFixtures.vector(FIXTURE.get("p0"));

    static ResidualFunction decayResiduals() {
        return p -> {
            double[] r = new double[XDATA.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = DECAY.value(XDATA[i], p) - YDATA[i];
            }
            return r;
        };
    }

    static double[][] decayJacobian(double[] p) {
        double[][] j = new double[XDATA.length][3];
        for (int i = 0; i < j.length; i++) {
            double e = Math.exp(-p[1] * XDATA[i]);
            j[i][0] = e;
            j[i][1] = -p[0] * XDATA[i] * e;
            j[i][2] = 1;
        }
        return j;
    }

    private static void assertRelative(double[][] expected, double[][] actual, double rtol) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], rtol * Math.abs(expected[i][j]), "[" + i + "][" + j + "]");
            }
        }
    }

    /**
     * The decay fitted to 50 noisy samples (scipy's example, the noise drawn once and committed):
     * popt and pcov as scipy 1.10.1's {@code curve_fit} gives them, to 1e-6 relative, and the
     * evaluations of its {@code leastsq} (MINPACK {@code lmdif}: 25, the differences included).
     */
    @Test
    void theDecayAsScipysCurveFit() {
        CurveFit.Result r = CurveFit.curveFit(DECAY, XDATA, YDATA, P0);
        assertTrue(r.success(), r::toString);
        double[] popt = ScipyFixtures.vector(FIXTURE.get("popt"));
        for (int i = 0; i < popt.length; i++) {
            assertEquals(popt[i], r.popt()[i], 1e-6 * Math.abs(popt[i]), r::toString);
        }
        assertRelative(ScipyFixtures.matrix(FIXTURE.get("pcov")), r.pcov(), 1e-6);
        JsonNode lsq = FIXTURE.get("leastsq");
        assertEquals(lsq.get("nfev").asInt(), r.fit().nfev());
        assertEquals(0, r.fit().njev());
        assertEquals(lsq.get("cost").asDouble(), r.fit().cost(), 1e-9);
        assertEquals(Status.LM_FTOL, r.fit().status(), "scipy's ier " + lsq.get("ier"));
        assertRelative(ScipyFixtures.matrix(lsq.get("cov_x")), r.fit().covariance(), 1e-6);
        assertEquals(Math.sqrt(r.pcov()[1][1]), r.perr()[1]);
    }

    /** With the Jacobian given: MINPACK {@code lmder}, 7 evaluations and 6 Jacobians, as scipy's. */
    @Test
    void withAJacobianAsScipysLmder() {
        LeastSquaresResult r = new LevenbergMarquardt().minimize(decayResiduals(), CurveFitTest::decayJacobian, P0);
        JsonNode s = FIXTURE.get("leastsq_jac");
        assertTrue(r.success(), r::toString);
        assertArrayEquals(ScipyFixtures.vector(s.get("x")), r.x(), 1e-9, r::toString);
        assertEquals(s.get("nfev").asInt(), r.nfev());
        assertEquals(s.get("njev").asInt(), r.njev());
        assertRelative(ScipyFixtures.matrix(s.get("cov_x")), r.covariance(), 1e-6);
    }

    /**
     * A straight line {@code y = p0 + p1·x} through (0, 1), (1, 3), (2, 2), (3, 5), by hand:
     * {@code XᵀX = [[4, 6], [6, 14]]}, its inverse {@code [[0.7, −0.3], [−0.3, 0.2]]},
     * {@code Xᵀy = (11, 22)}, so p = (1.1, 1.1); residuals (0.1, −0.8, 1.3, −0.6), Σr² = 2.7,
     * s² = 2.7/2 = 1.35, pcov = 1.35·(XᵀX)⁻¹. The Jacobian by differences of a linear model is
     * exact to about ε·|r|/1.5e-8 ≈ 1e-8, which bounds the agreement.
     */
    @Test
    void aStraightLineByHand() {
        CurveFit.Result r = CurveFit.curveFit(
                (x, p) -> p[0] + p[1] * x, new double[] {0, 1, 2, 3}, new double[] {1, 3, 2, 5}, new double[] {0, 0});
        assertArrayEquals(new double[] {1.1, 1.1}, r.popt(), 1e-8, r::toString);
        assertRelative(new double[][] {{0.945, -0.405}, {-0.405, 0.27}}, r.pcov(), 1e-6);
        assertEquals(1.35, r.fit().cost(), 1e-12);
    }

    @Test
    void asManyPointsAsParametersLeavesTheCovarianceInfinite() {
        CurveFit.Result r = CurveFit.curveFit(
                (x, p) -> p[0] + p[1] * x, new double[] {0, 1}, new double[] {1, 3}, new double[] {0, 0});
        assertArrayEquals(new double[] {1, 2}, r.popt(), 1e-8);
        assertEquals(Double.POSITIVE_INFINITY, r.pcov()[0][1]);
    }

    @Test
    void aJacobianOfTheWrongShapeIsOneLine() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new LevenbergMarquardt().minimize(decayResiduals(), p -> new double[3][XDATA.length], P0));
        assertEquals(
                "LevenbergMarquardt: expected a Jacobian of 50 × 3 (one row per residual, one column per parameter),"
                        + " got 3 × 50",
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new LevenbergMarquardt().minimize(p -> new double[] {p[0]}, new double[] {1, 2}));
        assertEquals(
                "LevenbergMarquardt: expected at least as many residuals as parameters (2), got 1", e.getMessage());
    }

    @Test
    void nonFiniteResidualsOrDataEndWithAStatusOrOneLine() {
        LeastSquaresResult r = new LevenbergMarquardt().minimize(p -> new double[] {Double.NaN, 1}, new double[] {1});
        assertEquals(Status.NOT_FINITE, r.status());
        assertEquals("NaN or infinite result encountered.", r.message());
        assertNull(r.covariance());
        LeastSquaresResult jac = new LevenbergMarquardt()
                .minimize(
                        p -> new double[] {p[0], 1},
                        p -> new double[][] {{Double.POSITIVE_INFINITY}, {0}},
                        new double[] {1});
        assertEquals(Status.NOT_FINITE, jac.status());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CurveFit.curveFit(DECAY, new double[] {0, 1}, new double[] {1, Double.NaN}, P0));
        assertEquals("curveFit: expected finite data, got xdata[1] = 1.0, ydata[1] = NaN", e.getMessage());
    }

    /** r = (x − 3, log x): NaN left of 0, where a first long step lands; the steps shrink back and it converges. */
    @Test
    void aTrialStepIntoNaNIsOnlyARejectedStep() {
        LeastSquaresResult r =
                new LevenbergMarquardt().minimize(p -> new double[] {p[0] - 3, Math.log(p[0])}, new double[] {0.01});
        assertTrue(r.success(), r::toString);
        assertTrue(r.x()[0] > 0 && r.x()[0] < 3, r::toString);
    }

    @Test
    void theResultPrintsAsNumpy() {
        CurveFit.Result r = CurveFit.curveFit(DECAY, XDATA, YDATA, P0);
        assertTrue(
                r.toString().startsWith("popt: [2.4881799  1.27356829 0.44351878]\npcov:\n[[ 0.01814407"), r::toString);
    }
}

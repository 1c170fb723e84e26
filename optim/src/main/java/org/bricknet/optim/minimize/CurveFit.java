package org.bricknet.optim.minimize;

import java.util.Arrays;

/**
 * Fits a model {@code y = f(x; p)} to data by least squares, as scipy's {@code curve_fit} does
 * without bounds or {@code sigma}: {@link LevenbergMarquardt} with a forward-difference Jacobian
 * minimizes {@code Σ (f(xᵢ; p) − yᵢ)²} from {@code p0}, and the covariance of the parameters is
 * {@code pcov = (JᵀJ)⁻¹ · s²} with {@code s² = Σ rᵢ² / (m − n)}, the residual variance ({@code
 * absolute_sigma=False}).
 *
 * <pre>
 *   CurveFit.Result fit = CurveFit.curveFit((x, p) -&gt; p[0] * Math.exp(-p[1] * x) + p[2], xdata, ydata,
 *           new double[] {1, 1, 1});
 *   fit.popt();   // the parameters
 *   fit.pcov();   // their covariance; √ of its diagonal are their standard errors
 * </pre>
 *
 * When the covariance cannot be estimated (R singular, or no more data than parameters) pcov is
 * all {@code +∞}, as scipy's (which also warns). Where scipy raises
 * {@code RuntimeError("Optimal parameters not found")}, the result here says so:
 * {@link Result#success()} is false and {@link Result#message()} gives the reason.
 */
public final class CurveFit {
    private CurveFit() {}

    /** A model {@code f(x; p)}: the predicted y at x for the parameters p (which it must not change). */
    @FunctionalInterface
    public interface Model {
        double value(double x, double[] p);
    }

    /** The fit: {@code popt}, {@code pcov} and the least-squares run behind them. */
    public static final class Result {
        private final double[] popt;
        private final double[][] pcov;
        private final LeastSquaresResult fit;

        Result(double[] popt, double[][] pcov, LeastSquaresResult fit) {
            this.popt = popt;
            this.pcov = pcov;
            this.fit = fit;
        }

        /** The fitted parameters (a copy). */
        public double[] popt() {
            return popt.clone();
        }

        /** Their covariance (a copy); all {@code +∞} when it could not be estimated. */
        public double[][] pcov() {
            double[][] c = new double[pcov.length][];
            for (int i = 0; i < c.length; i++) {
                c[i] = pcov[i].clone();
            }
            return c;
        }

        /** The standard errors, {@code √pcov[i][i]}. */
        public double[] perr() {
            double[] e = new double[popt.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = Math.sqrt(pcov[i][i]);
            }
            return e;
        }

        /** The Levenberg-Marquardt run: residuals, evaluations, why it stopped. */
        public LeastSquaresResult fit() {
            return fit;
        }

        public boolean success() {
            return fit.success();
        }

        public String message() {
            return fit.message();
        }

        /** {@code popt} and {@code pcov} as NumPy prints them, each on its own lines. */
        @Override
        public String toString() {
            return "popt: " + NumpyFormat.array(popt) + "\npcov:\n" + NumpyFormat.matrix(pcov);
        }
    }

    /** Fits {@code model} to the points {@code (xdata[i], ydata[i])} from {@code p0}. */
    public static Result curveFit(Model model, double[] xdata, double[] ydata, double[] p0) {
        return curveFit(model, xdata, ydata, p0, new LevenbergMarquardt());
    }

    /** ... with the given minimizer's settings (tolerances, evaluation limit). */
    public static Result curveFit(
            Model model, double[] xdata, double[] ydata, double[] p0, LevenbergMarquardt minimizer) {
        if (model == null) {
            throw new IllegalArgumentException("curveFit: expected a model, got null");
        }
        if (xdata == null || ydata == null || xdata.length != ydata.length || xdata.length == 0) {
            throw new IllegalArgumentException("curveFit: expected xdata and ydata of one non-zero length, got "
                    + (xdata == null ? "null" : xdata.length + " values") + " and "
                    + (ydata == null ? "null" : ydata.length + " values"));
        }
        for (int i = 0; i < xdata.length; i++) {
            if (!Double.isFinite(xdata[i]) || !Double.isFinite(ydata[i])) {
                throw new IllegalArgumentException("curveFit: expected finite data, got xdata[" + i + "] = " + xdata[i]
                        + ", ydata[" + i + "] = " + ydata[i]);
            }
        }
        double[] x = xdata.clone();
        double[] y = ydata.clone();
        ResidualFunction residuals = p -> {
            double[] r = new double[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = model.value(x[i], p) - y[i];
            }
            return r;
        };
        LeastSquaresResult fit = minimizer.minimize(residuals, p0);
        int n = p0.length;
        int m = x.length;
        double[][] cov = fit.covariance();
        double[][] pcov = new double[n][n];
        if (cov == null || m <= n) {
            for (double[] row : pcov) {
                Arrays.fill(row, Double.POSITIVE_INFINITY);
            }
        } else {
            double s2 = 2 * fit.cost() / (m - n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    pcov[i][j] = cov[i][j] * s2;
                }
            }
        }
        return new Result(fit.x(), pcov, fit);
    }
}

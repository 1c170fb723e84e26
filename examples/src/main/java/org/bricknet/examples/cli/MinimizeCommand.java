package org.bricknet.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.bricknet.examples.minimize.BoundsText;
import org.bricknet.examples.minimize.DecayFit;
import org.bricknet.examples.minimize.MemoryCheck;
import org.bricknet.examples.minimize.Quadratic;
import org.bricknet.examples.minimize.Reports;
import org.bricknet.examples.minimize.RosenbrockResiduals;
import org.bricknet.optim.minimize.Bfgs;
import org.bricknet.optim.minimize.ConjugateGradient;
import org.bricknet.optim.minimize.CurveFit;
import org.bricknet.optim.minimize.DifferentiableFunction;
import org.bricknet.optim.minimize.GradientDescent;
import org.bricknet.optim.minimize.HessianVectorProduct;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.Lbfgsb;
import org.bricknet.optim.minimize.LeastSquaresResult;
import org.bricknet.optim.minimize.LevenbergMarquardt;
import org.bricknet.optim.minimize.Minimizer;
import org.bricknet.optim.minimize.NelderMead;
import org.bricknet.optim.minimize.NewtonCg;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.optim.minimize.Powell;
import org.bricknet.optim.minimize.Rosenbrock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code minimize --function F --dim N --method M}: runs one minimizer with its default
 * (scipy-like) tolerances and prints the result as scipy prints it. Rosenbrock starts at
 * {@code (−1.2, 1, −1.2, ...)}; the quadratic {@code Σ (xᵢ² − 4xᵢ + 8)} at 1.3 everywhere (minimum
 * {@code 4·N} at all twos); {@code rosenbrock-bounded} is Rosenbrock with {@code x ≤ 0.5} in every
 * coordinate (active at the solution) for {@code lbfgsb}; {@code decay} fits
 * {@code a·exp(−b·x) + c} to {@link DecayFit}'s 50 noisy samples by {@code least-squares}, which
 * also solves Rosenbrock as the residuals {@code 10·(xᵢ₊₁ − xᵢ²)}, {@code 1 − xᵢ}. Every numeric
 * option is bounded, and before anything is allocated the run's memory is compared with the heap
 * ({@link MemoryCheck}); a refusal is one line.
 */
@Command(
        name = "minimize",
        mixinStandardHelpOptions = true,
        description = "Minimizes a test function with one of the full-batch minimizers.")
public final class MinimizeCommand implements Callable<Integer> {
    /** The largest --dim: the longest Java array of doubles. */
    static final int MAX_DIM = Integer.MAX_VALUE - 8;

    /** The test problems, spelt as on the command line. */
    enum Function {
        ROSENBROCK("rosenbrock"),
        QUADRATIC("quadratic"),
        ROSENBROCK_BOUNDED("rosenbrock-bounded"),
        DECAY("decay");

        final String label;

        Function(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The methods, spelt as on the command line. */
    enum Method {
        NELDER_MEAD("nelder-mead"),
        POWELL("powell"),
        CG("cg"),
        BFGS("bfgs"),
        LBFGS("lbfgs"),
        GD("gd"),
        NEWTON_CG("newton-cg"),
        LBFGSB("lbfgsb"),
        LEAST_SQUARES("least-squares");

        final String label;

        Method(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--function",
            converter = FunctionConverter.class,
            description = "rosenbrock, quadratic, rosenbrock-bounded or decay (default: rosenbrock)")
    Function function = Function.ROSENBROCK;

    @Option(
            names = "--dim",
            converter = DimConverter.class,
            description = "the dimension N, 1 to " + MAX_DIM + " (default: 2; decay has 3 parameters)")
    Integer dim;

    @Option(
            names = "--method",
            converter = MethodConverter.class,
            description = "nelder-mead, powell, cg, bfgs, lbfgs, gd, newton-cg, lbfgsb or least-squares (default: bfgs;"
                    + " lbfgsb for rosenbrock-bounded, least-squares for decay)")
    Method method;

    @Option(
            names = "--learning-rate",
            defaultValue = "1e-3",
            converter = StepConverter.class,
            description = "the fixed step of gd, a finite number above 0 (default: ${DEFAULT-VALUE}); gd runs at most"
                    + " 100000 steps")
    double learningRate;

    @Option(
            names = "--hessp",
            description = "newton-cg: use the function's own Hessian-vector product (scipy's hessp=rosen_hess_prod)"
                    + " instead of forward differences of the gradient (scipy's default)")
    boolean hessp;

    @Option(
            names = "--lower",
            description = "lbfgsb's lower bound: one number for every coordinate or N numbers separated by commas;"
                    + " -inf for none (default: none)")
    String lower;

    @Option(
            names = "--upper",
            description = "lbfgsb's upper bound, as --lower (default: none; 0.5 for rosenbrock-bounded)")
    String upper;

    /** Reads a {@link Method} from its command-line spelling. */
    static final class MethodConverter implements CommandLine.ITypeConverter<Method> {
        @Override
        public Method convert(String value) {
            return parse(Method.values(), value);
        }
    }

    /** Reads a {@link Function} from its command-line spelling. */
    static final class FunctionConverter implements CommandLine.ITypeConverter<Function> {
        @Override
        public Function convert(String value) {
            return parse(Function.values(), value);
        }
    }

    /** The value spelt {@code s}, or a conversion error naming the choices. */
    static <E extends Enum<E>> E parse(E[] values, String s) {
        for (E e : values) {
            if (e.toString().equals(s)) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException("expected one of "
                + Arrays.stream(values).map(Object::toString).collect(Collectors.joining(", ")) + ", got '" + s + "'");
    }

    /** --dim: a whole number from 1 to {@link #MAX_DIM}, with that range in the error. */
    static final class DimConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long v;
            try {
                v = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                v = 0;
            }
            if (v < 1 || v > MAX_DIM) {
                throw new CommandLine.TypeConversionException(
                        "expected a whole number from 1 to " + MAX_DIM + ", got '" + value + "'");
            }
            return (int) v;
        }
    }

    /** --learning-rate: a finite number above 0. */
    static final class StepConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v = BoundsText.number(value);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new CommandLine.TypeConversionException("expected a finite number > 0, got '" + value + "'");
            }
            return v;
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() {
        Method m = method != null
                ? method
                : function == Function.DECAY
                        ? Method.LEAST_SQUARES
                        : function == Function.ROSENBROCK_BOUNDED ? Method.LBFGSB : Method.BFGS;
        checkCombination(m);
        int n = function == Function.DECAY ? 3 : dim == null ? 2 : dim;
        int least = function == Function.QUADRATIC ? 1 : 2;
        if (n < least) {
            throw usage("--dim: expected at least " + least + " for " + function + ", got " + n);
        }
        checkMemory(m, n);
        PrintWriter out = spec.commandLine().getOut();
        boolean ok;
        try {
            ok = switch (m) {
                case LEAST_SQUARES -> leastSquares(out, n);
                case LBFGSB -> bounded(out, n);
                default -> unbounded(out, m, n);
            };
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException("--dim " + n + " with --method " + m + " ran out of heap memory ("
                    + MemoryCheck.gib(Runtime.getRuntime().maxMemory()) + "); run java with a larger -Xmx");
        }
        out.flush();
        return ok ? 0 : 1;
    }

    private void checkCombination(Method m) {
        if (function == Function.DECAY && dim != null) {
            throw usage("--dim: the decay fit has 3 parameters; leave --dim out");
        }
        if (function == Function.DECAY && m != Method.LEAST_SQUARES) {
            throw usage("--method: the decay fit is a least-squares problem; use --method least-squares, got " + m);
        }
        if (m == Method.LEAST_SQUARES && function != Function.DECAY && function != Function.ROSENBROCK) {
            throw usage("--method least-squares: expected a residual problem (--function rosenbrock or decay), got "
                    + function);
        }
        if (function == Function.ROSENBROCK_BOUNDED && m != Method.LBFGSB) {
            throw usage("--function rosenbrock-bounded has bounds; use --method lbfgsb, got " + m);
        }
        if (hessp && m != Method.NEWTON_CG) {
            throw usage("--hessp: only --method newton-cg takes Hessian-vector products, got --method " + m);
        }
        if ((lower != null || upper != null) && m != Method.LBFGSB) {
            throw usage(
                    (lower != null ? "--lower" : "--upper") + ": only --method lbfgsb takes bounds, got --method " + m);
        }
    }

    /** Refuses, before allocating, a run the heap cannot hold or an array cannot index. */
    private void checkMemory(Method m, int n) {
        if (m == Method.BFGS && n > 46340) {
            throw usage("--dim " + n + ": bfgs keeps its n×n matrix in one Java array, so --dim is at most 46340;"
                    + " use --method lbfgs");
        }
        double bytes;
        String why = "vectors of n doubles";
        String instead = "or choose a smaller --dim";
        if (m == Method.LEAST_SQUARES) {
            long residuals = function == Function.DECAY ? 50 : 2L * (n - 1);
            bytes = new LevenbergMarquardt().bytesNeeded(n, residuals) + 8.0 * n;
            why = "a Jacobian of " + residuals + " × " + n + " doubles, twice";
        } else {
            Minimizer minimizer = m == Method.LBFGSB ? new Lbfgsb() : minimizer(m);
            bytes = minimizer.bytesNeeded(n) + 8.0 * n * (m == Method.LBFGSB ? 3 : 1);
            if (m == Method.BFGS || m == Method.POWELL || m == Method.NELDER_MEAD) {
                why = m == Method.NELDER_MEAD ? "a simplex of n + 1 points of n doubles" : "an n×n matrix of doubles";
                instead = "or use --method lbfgs";
            }
        }
        String refusal = MemoryCheck.refusal(bytes, "--dim " + n + " with --method " + m, why, instead);
        if (refusal != null) {
            throw usage(refusal);
        }
    }

    private double[] start(int n) {
        if (function == Function.QUADRATIC) {
            double[] x0 = new double[n];
            Arrays.fill(x0, 1.3);
            return x0;
        }
        return Rosenbrock.classicStart(n);
    }

    private DifferentiableFunction objective() {
        return function == Function.QUADRATIC ? new Quadratic() : new Rosenbrock();
    }

    private Minimizer minimizer(Method m) {
        return switch (m) {
            case NELDER_MEAD -> new NelderMead();
            case POWELL -> new Powell();
            case CG -> new ConjugateGradient();
            case BFGS -> new Bfgs();
            case LBFGS -> new Lbfgs();
            case GD -> new GradientDescent().learningRate(learningRate).maxIterations(100_000);
            case NEWTON_CG -> new NewtonCg();
            default -> throw new IllegalStateException(m.label);
        };
    }

    private boolean unbounded(PrintWriter out, Method m, int n) {
        Minimizer minimizer = minimizer(m);
        double[] x0 = start(n);
        DifferentiableFunction f = objective();
        OptimizeResult r = minimizer instanceof NewtonCg newton
                ? newton.minimize(f, hessp ? (HessianVectorProduct) f : null, x0)
                : minimizer.minimize(f, x0);
        out.println(header(n, x0, minimizer.name()));
        out.print(Reports.text(minimizer.name(), r));
        return r.success();
    }

    private boolean bounded(PrintWriter out, int n) {
        double[] l;
        double[] u;
        try {
            l = BoundsText.parse("--lower", lower, n, Double.NEGATIVE_INFINITY, true);
            u = BoundsText.parse(
                    "--upper",
                    upper,
                    n,
                    function == Function.ROSENBROCK_BOUNDED ? 0.5 : Double.POSITIVE_INFINITY,
                    false);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        for (int i = 0; i < n; i++) {
            if (l[i] > u[i]) {
                throw usage("--lower/--upper: expected lower <= upper, got " + l[i] + " > " + u[i]
                        + (n > 1 ? " at coordinate " + i : ""));
            }
        }
        double[] x0 = start(n);
        OptimizeResult r = new Lbfgsb().bounds(l, u).minimize(objective(), x0);
        out.println(header(n, x0, "L-BFGS-B") + ", bounds " + BoundsText.describe(l, u));
        out.println(r);
        return r.success();
    }

    private boolean leastSquares(PrintWriter out, int n) {
        if (function == Function.DECAY) {
            CurveFit.Result fit = DecayFit.fit();
            out.println("curve_fit: y = a*exp(-b*x) + c to 50 noisy samples of 2.5*exp(-1.3*x) + 0.5 on [0, 4] from"
                    + " p0 = [1 1 1], by Levenberg-Marquardt");
            out.println(fit.fit());
            out.println(fit);
            return fit.success();
        }
        double[] x0 = start(n);
        RosenbrockResiduals rosenbrock = new RosenbrockResiduals();
        LeastSquaresResult r = new LevenbergMarquardt().minimize(rosenbrock, rosenbrock, x0);
        out.println(header(n, x0, "Levenberg-Marquardt") + ", as the residuals 10(x[i+1] - x[i]^2), 1 - x[i]");
        out.println(r);
        return r.success();
    }

    private String header(int n, double[] x0, String name) {
        return "minimize " + function + " in " + n + "-D from " + Reports.vector(x0) + " with " + name;
    }

    /** The command line with a one-line error (no usage dump) for bad arguments. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MinimizeCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            return ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

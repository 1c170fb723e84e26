package org.bricknet.examples.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.bricknet.examples.minimize.Reports;
import org.bricknet.optim.minimize.Bfgs;
import org.bricknet.optim.minimize.ConjugateGradient;
import org.bricknet.optim.minimize.DifferentiableFunction;
import org.bricknet.optim.minimize.GradientDescent;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.Minimizer;
import org.bricknet.optim.minimize.NelderMead;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.optim.minimize.Powell;
import org.bricknet.optim.minimize.Rosenbrock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code minimize --function rosenbrock|quadratic --dim N --method nelder-mead|powell|cg|bfgs|lbfgs|gd}:
 * runs one minimizer with its default (scipy-like) tolerances and prints the result. Rosenbrock
 * starts at {@code (−1.2, 1, −1.2, ...)}; the quadratic {@code Σ (xᵢ² − 4xᵢ + 8)} at 1.3 everywhere
 * (minimum {@code 4·N} at all twos).
 */
@Command(
        name = "minimize",
        mixinStandardHelpOptions = true,
        description = "Minimizes a test function with one of the full-batch minimizers.")
public final class MinimizeCommand implements Callable<Integer> {

    /** The test functions. */
    enum Function {
        rosenbrock,
        quadratic
    }

    /** The methods, spelt as on the command line. */
    enum Method {
        NELDER_MEAD("nelder-mead"),
        POWELL("powell"),
        CG("cg"),
        BFGS("bfgs"),
        LBFGS("lbfgs"),
        GD("gd");

        final String label;

        Method(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        static Method parse(String s) {
            for (Method m : values()) {
                if (m.label.equals(s)) {
                    return m;
                }
            }
            throw new CommandLine.TypeConversionException("expected one of "
                    + Arrays.stream(values()).map(m -> m.label).collect(Collectors.joining(", ")) + ", got '" + s
                    + "'");
        }

        Minimizer minimizer() {
            return switch (this) {
                case NELDER_MEAD -> new NelderMead();
                case POWELL -> new Powell();
                case CG -> new ConjugateGradient();
                case BFGS -> new Bfgs();
                case LBFGS -> new Lbfgs();
                case GD -> new GradientDescent();
            };
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--function",
            defaultValue = "rosenbrock",
            description = "rosenbrock or quadratic (default: ${DEFAULT-VALUE})")
    Function function;

    @Option(names = "--dim", defaultValue = "2", description = "the dimension N (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(
            names = "--method",
            defaultValue = "bfgs",
            converter = MethodConverter.class,
            description = "nelder-mead, powell, cg, bfgs, lbfgs or gd (default: ${DEFAULT-VALUE})")
    Method method;

    @Option(
            names = "--learning-rate",
            defaultValue = "1e-3",
            description = "the fixed step of gd (default: ${DEFAULT-VALUE}); gd runs at most 100000 steps")
    double learningRate;

    /** Reads a {@link Method} from its command-line spelling. */
    static final class MethodConverter implements CommandLine.ITypeConverter<Method> {
        @Override
        public Method convert(String value) {
            return Method.parse(value);
        }
    }

    @Override
    public Integer call() {
        if (dim < 1 || (function == Function.rosenbrock && dim < 2)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--dim: expected at least " + (function == Function.rosenbrock ? 2 : 1) + " for " + function
                            + ", got " + dim);
        }
        DifferentiableFunction f;
        double[] x0 = new double[dim];
        if (function == Function.rosenbrock) {
            f = new Rosenbrock();
            x0 = Rosenbrock.classicStart(dim);
        } else {
            f = (x, g) -> {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                    g[i] = 2 * x[i] - 4;
                    s += x[i] * x[i] - 4 * x[i] + 8;
                }
                return s;
            };
            Arrays.fill(x0, 1.3);
        }
        Minimizer m = method == Method.GD
                ? new GradientDescent().learningRate(learningRate).maxIterations(100_000)
                : method.minimizer();
        OptimizeResult r = m.minimize(f, x0);
        PrintWriter out = spec.commandLine().getOut();
        out.println("minimize " + function + " in " + dim + "-D from " + Reports.vector(x0) + " with " + m.name());
        out.print(Reports.text(m.name(), r));
        out.flush();
        return r.success() ? 0 : 1;
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

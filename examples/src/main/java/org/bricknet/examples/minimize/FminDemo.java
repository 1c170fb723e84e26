package org.bricknet.examples.minimize;

import java.io.PrintStream;
import org.bricknet.optim.minimize.Bfgs;
import org.bricknet.optim.minimize.ConjugateGradient;
import org.bricknet.optim.minimize.DifferentiableFunction;
import org.bricknet.optim.minimize.Minimizer;
import org.bricknet.optim.minimize.NelderMead;
import org.bricknet.optim.minimize.Powell;

/**
 * The classic scipy walkthrough in Java: minimize {@code f(x) = x² − 4x + 8} from {@code x = 1.3}
 * with Nelder-Mead, Powell, BFGS and CG, printing for each the message, the value, the iterations,
 * the function and gradient evaluations and x. The minimum is {@code f(2) = 4}.
 */
public final class FminDemo {
    /** {@code f(x) = x² − 4x + 8}, {@code f'(x) = 2x − 4}. */
    public static final DifferentiableFunction F = (x, g) -> {
        g[0] = 2 * x[0] - 4;
        return x[0] * x[0] - 4 * x[0] + 8;
    };

    private FminDemo() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        out.println("minimize f(x) = x^2 - 4x + 8 from x0 = 1.3");
        for (Minimizer m : new Minimizer[] {new NelderMead(), new Powell(), new Bfgs(), new ConjugateGradient()}) {
            out.println();
            out.print(Reports.text(m.name(), m.minimize(F, new double[] {1.3})));
        }
    }
}

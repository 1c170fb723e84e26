package org.bricknet.optim.minimize;

import java.util.function.DoubleUnaryOperator;

/**
 * Golden-section search, as scipy's {@code golden} and {@code minimize_scalar(method='golden')}:
 * from a {@link Bracket}, two interior points split the interval in the golden ratio
 * ({@code 0.61803399}), and the part beyond the worse one is dropped, one evaluation per step.
 * It stops when the interval is at most {@code tol·(|x1| + |x2|)} (default {@code tol = √ε ≈
 * 1.49e-8}), or after {@code maxIterations} (default 5000). Slower than {@link Brent} but never
 * fooled by a function that is not smooth.
 */
public final class Golden {
    private static final double GR = 0.61803399;
    private static final double GC = 1.0 - GR;
    private double tol = Gradients.EPSILON;
    private int maxIterations = 5000;

    /** The relative tolerance on the interval (default √ε ≈ 1.49e-8). */
    public Golden tol(double tol) {
        this.tol = Counted.nonNegative("Golden: tol", tol);
        return this;
    }

    public Golden maxIterations(int maxIterations) {
        this.maxIterations = Counted.positive("Golden: maxIterations", maxIterations);
        return this;
    }

    /** Minimizes {@code f} from the bracket {@code brack} describes, as {@link Brent#minimize(DoubleUnaryOperator, double...)}. */
    public ScalarResult minimize(DoubleUnaryOperator f, double... brack) {
        if (f == null) {
            throw new IllegalArgumentException("Golden: expected a function to minimize, got null");
        }
        Bracket br = Bracket.of("Golden", f, brack);
        double xa = br.xa();
        double xb = br.xb();
        double xc = br.xc();
        double x0 = xa;
        double x3 = xc;
        double x1;
        double x2;
        if (Math.abs(xc - xb) > Math.abs(xb - xa)) {
            x1 = xb;
            x2 = xb + GC * (xc - xb);
        } else {
            x2 = xb;
            x1 = xb - GC * (xb - xa);
        }
        double f1 = f.applyAsDouble(x1);
        double f2 = f.applyAsDouble(x2);
        int nfev = br.nfev() + 2;
        int nit = 0;
        for (int i = 0; i < maxIterations; i++) {
            if (Math.abs(x3 - x0) <= tol * (Math.abs(x1) + Math.abs(x2))) {
                break;
            }
            if (f2 < f1) {
                x0 = x1;
                x1 = x2;
                x2 = GR * x1 + GC * x3;
                f1 = f2;
                f2 = f.applyAsDouble(x2);
            } else {
                x3 = x2;
                x2 = x1;
                x1 = GR * x2 + GC * x0;
                f2 = f1;
                f1 = f.applyAsDouble(x1);
            }
            nfev++;
            nit++;
        }
        double x = f1 < f2 ? x1 : x2;
        double fx = f1 < f2 ? f1 : f2;
        Status status = Double.isNaN(x) || Double.isNaN(fx)
                ? Status.NOT_FINITE
                : !br.found() || nit >= maxIterations ? Status.MAX_ITERATIONS : Status.SUCCESS;
        return new ScalarResult(x, fx, nit, nfev, status);
    }
}

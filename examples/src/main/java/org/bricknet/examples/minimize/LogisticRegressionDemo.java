package org.bricknet.examples.minimize;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.optim.minimize.GradientDescent;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.OptimizeResult;

/**
 * Logistic regression by full-batch gradient descent, then by L-BFGS (the Theano tutorial's
 * example): N = 400 inputs of 784 standard-normal features, random 0/1 targets, {@code w ~ N(0, 1)},
 * {@code b = 0}, {@code p = σ(x·w + b)}, cost = mean cross-entropy + {@code 0.01·Σw²}
 * ({@link LogisticCost}); 10,000 steps of 0.1, then L-BFGS from the same start. Seeded, so the
 * output repeats. The targets are noise, so a perfect training fit says nothing about new inputs.
 */
public final class LogisticRegressionDemo {
    static final int N = 400;
    static final int FEATURES = 784;
    static final double LAMBDA = 0.01;
    static final long SEED = 1234;

    private LogisticRegressionDemo() {}

    public static void main(String[] args) {
        run(System.out, 10_000);
    }

    /** The data and start point of the demo: inputs, targets and {@code (w, b)}. */
    record Problem(Tensor x, double[] t, double[] start) {
        static Problem make(long seed) {
            Random random = new Random(seed);
            Tensor x = Tensor.randn(random, 1.0, N, FEATURES);
            double[] t = new double[N];
            for (int i = 0; i < N; i++) {
                t[i] = random.nextInt(2);
            }
            double[] wb = new double[FEATURES + 1];
            for (int j = 0; j < FEATURES; j++) {
                wb[j] = random.nextGaussian();
            }
            return new Problem(x, t, wb);
        }
    }

    static void run(PrintStream out, int steps) {
        Problem pr = Problem.make(SEED);
        LogisticCost cost = new LogisticCost(pr.x(), pr.t(), LAMBDA);
        out.println("Initial model: " + model(pr.start()));
        out.printf(Locale.ROOT, "Initial cost: %.6f%n", cost.value(pr.start()));

        OptimizeResult gd = new GradientDescent()
                .learningRate(0.1)
                .gtol(0)
                .maxIterations(steps)
                .minimize(cost, pr.start());
        out.println();
        out.println("Gradient descent, " + steps + " steps of 0.1: " + gd.message());
        out.println("Final model: " + model(gd.x()));
        out.printf(Locale.ROOT, "Final cost: %.6f, |gradient|max %.2e%n", gd.fun(), gd.gradientNorm());
        out.println("target values for D:");
        out.println(bits(pr.t()));
        double[] fit = predict(cost, gd.x(), pr.x());
        out.println("prediction on D:");
        out.println(bits(fit));
        Tensor fresh = Tensor.randn(new Random(SEED + 1), 1.0, 30, FEATURES);
        out.println("prediction on 30 new random inputs:");
        out.println(bits(predict(cost, gd.x(), fresh)));

        OptimizeResult lb = new Lbfgs().minimize(cost, pr.start());
        out.println();
        out.println("L-BFGS: " + lb.message());
        out.printf(Locale.ROOT, "Final cost: %.6f, |gradient|max %.2e%n", lb.fun(), lb.gradientNorm());
        out.println();
        out.printf(
                Locale.ROOT,
                "%-18s %10s %8s %8s %12s %10s%n",
                "method",
                "iterations",
                "nfev",
                "njev",
                "cost",
                "train acc");
        out.printf(
                Locale.ROOT,
                "%-18s %10d %8d %8d %12.6f %9.1f%%%n",
                "gradient descent",
                gd.nit(),
                gd.nfev(),
                gd.njev(),
                gd.fun(),
                100 * accuracy(fit, pr.t()));
        out.printf(
                Locale.ROOT,
                "%-18s %10d %8d %8d %12.6f %9.1f%%%n",
                "L-BFGS",
                lb.nit(),
                lb.nfev(),
                lb.njev(),
                lb.fun(),
                100 * accuracy(predict(cost, lb.x(), pr.x()), pr.t()));
    }

    /** 1 where {@code p > 0.5}, else 0. */
    static double[] predict(LogisticCost cost, double[] wb, Tensor inputs) {
        double[] p = cost.probabilities(wb, inputs);
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] > 0.5 ? 1 : 0;
        }
        return p;
    }

    static double accuracy(double[] predicted, double[] t) {
        int hits = 0;
        for (int i = 0; i < t.length; i++) {
            hits += predicted[i] == t[i] ? 1 : 0;
        }
        return (double) hits / t.length;
    }

    /** The first weights, their mean and standard deviation, and b. */
    static String model(double[] wb) {
        int d = wb.length - 1;
        double mean = 0;
        for (int j = 0; j < d; j++) {
            mean += wb[j] / d;
        }
        double var = 0;
        for (int j = 0; j < d; j++) {
            var += (wb[j] - mean) * (wb[j] - mean) / d;
        }
        return String.format(
                Locale.ROOT,
                "w = [%.4f, %.4f, %.4f, ...] (%d values, mean %.4f, std %.4f), b = %.4f",
                wb[0],
                wb[1],
                wb[2],
                d,
                mean,
                Math.sqrt(var),
                wb[d]);
    }

    /** 0/1 values as digits, 80 to a line. */
    static String bits(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0 && i % 80 == 0) {
                sb.append('\n');
            }
            sb.append(v[i] > 0.5 ? '1' : '0');
        }
        return sb.toString();
    }
}

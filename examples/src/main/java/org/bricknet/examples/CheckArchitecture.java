package org.bricknet.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;

/**
 * Gradient-checks a fresh network of an architecture file on the first embedded test digits, whole
 * and node by node, and prints the table and the time it took:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp examples/target/bricknet.jar \
 *     org.bricknet.examples.CheckArchitecture examples/architectures/branching-cnn.json full 1
 * </pre>
 *
 * Modes: {@code full} (every element: minutes for the shipped architectures), {@code subset}
 * (10 elements per tensor) or {@code direction} (10 random directions); then the number of digits.
 * Exits 1 when the check fails.
 */
public final class CheckArchitecture {
    private CheckArchitecture() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: CheckArchitecture FILE.json [full|subset|direction] [DIGITS]");
            System.exit(2);
        }
        try {
            String mode = args.length > 1 ? args[1] : "subset";
            int digits = args.length > 2 ? Integer.parseInt(args[2]) : 2;
            GradientReport r = check(Path.of(args[0]), mode, digits);
            System.exit(r.passed() ? 0 : 1);
        } catch (BadFileException | IllegalArgumentException e) {
            System.err.println("CheckArchitecture: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Checks a network of {@code file} (weights from seed 42) on the first {@code digits} test digits. */
    public static GradientReport check(Path file, String mode, int digits) throws IOException {
        Architecture a = Architecture.read(file);
        CheckMode m = switch (mode) {
            case "full" -> CheckMode.full();
            case "subset" -> CheckMode.subset(10, 1);
            case "direction" -> CheckMode.directions(10, 1);
            default ->
                throw new IllegalArgumentException("mode: expected full, subset or direction, got '" + mode + "'");
        };
        Dataset d = TrainArchitecture.shaped(
                Datasets.mnist10k().test().slice(0, digits),
                a.inputs().values().iterator().next());
        Graph g = a.build(new Random(42));
        long start = System.nanoTime();
        GradientReport r = GradientCheck.graph(g, d.inputs(), d.targets(), m, Tolerance.DEFAULT);
        System.out.println(r);
        System.out.printf(
                Locale.ROOT,
                "%s, %s on %d digit%s: %s in %.1f s%n",
                file,
                mode,
                digits,
                digits == 1 ? "" : "s",
                r.passed() ? "passed" : "FAILED",
                (System.nanoTime() - start) / 1e9);
        return r;
    }
}

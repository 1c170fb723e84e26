package org.bricknet.core.check;

import java.util.List;
import org.bricknet.core.Tensor;

/**
 * The outcome of one gradient check: one {@link Row} per checked tensor (the input and each
 * parameter), the mode and the tolerance they were judged by, and how many times the scalar
 * function was evaluated. {@link #toString()} is an aligned table; a failed assertion carries it.
 */
public record GradientReport(List<Row> rows, CheckMode mode, Tolerance tolerance, long evaluations) {

    public GradientReport {
        rows = List.copyOf(rows);
    }

    /**
     * One checked tensor. {@code checked} counts the compared elements (or directions, in
     * {@link CheckMode.Directions} mode), {@code skipped} those of them found on a kink, and
     * {@code failures} those that broke the tolerance at a smooth point. The maxima and the worst
     * element leave skipped elements out. The maximum relative error is taken over the elements
     * whose absolute error is above {@code atol} (below it, it measures rounding noise; the table
     * then says "in noise"). The worst
     * element is the one whose error is the most tolerances large; {@code worstIndex} is its
     * multi-index, or {@code {d}} for direction {@code d}.
     */
    public record Row(
            String name,
            int[] shape,
            int checked,
            int skipped,
            int failures,
            double maxAbsError,
            double maxRelError,
            int[] worstIndex,
            double worstAnalytic,
            double worstNumerical,
            boolean directional) {

        public boolean passed() {
            return failures == 0;
        }

        /** The worst element as {@code (1, 0)}, or a direction as {@code v2}; {@code -} if none. */
        public String worstAt() {
            if (checked == skipped) {
                return "-";
            }
            return directional ? "v" + worstIndex[0] : Tensor.shapeString(worstIndex);
        }
    }

    public boolean passed() {
        return rows.stream().allMatch(Row::passed);
    }

    /** The largest relative error over every row. */
    public double maxRelError() {
        return rows.stream().mapToDouble(Row::maxRelError).max().orElse(0);
    }

    /** The largest absolute error over every row. */
    public double maxAbsError() {
        return rows.stream().mapToDouble(Row::maxAbsError).max().orElse(0);
    }

    /** Elements (or directions) compared, over every row. */
    public int checked() {
        return rows.stream().mapToInt(Row::checked).sum();
    }

    /** Elements found on a kink, over every row. */
    public int skipped() {
        return rows.stream().mapToInt(Row::skipped).sum();
    }

    /** Elements that failed, over every row. */
    public int failures() {
        return rows.stream().mapToInt(Row::failures).sum();
    }

    /** The row of the tensor named {@code name}. */
    public Row row(String name) {
        return rows.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("GradientReport: no row named '" + name + "'; rows are "
                        + rows.stream().map(Row::name).toList()));
    }

    /** An aligned table, one line per tensor, with a header naming the mode and the pass rule. */
    @Override
    public String toString() {
        int nameWidth = "tensor".length();
        int shapeWidth = "shape".length();
        int atWidth = "worst at".length();
        for (Row r : rows) {
            nameWidth = Math.max(nameWidth, r.name().length());
            shapeWidth = Math.max(shapeWidth, Tensor.shapeString(r.shape()).length());
            atWidth = Math.max(atWidth, r.worstAt().length());
        }
        String fmt =
                "%-" + nameWidth + "s  %-" + shapeWidth + "s  %8s %8s %7s  %10s %10s  %-" + atWidth + "s  %16s %16s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "gradient check, %s: pass when rel <= %.1e or abs <= %.1e; kink when one-sided"
                        + " slopes differ by > %.0e tolerances%s%n",
                mode.label(),
                tolerance.rtol(),
                tolerance.atol(),
                tolerance.kinkFactor(),
                evaluations > 0 ? "; " + evaluations + " evaluations" : ""));
        sb.append(String.format(
                fmt,
                "tensor",
                "shape",
                "checked",
                "skipped",
                "failed",
                "max abs",
                "max rel",
                "worst at",
                "analytic",
                "numerical"));
        for (Row r : rows) {
            boolean any = r.checked() > r.skipped();
            sb.append(String.format(
                    fmt,
                    r.name(),
                    Tensor.shapeString(r.shape()),
                    r.checked(),
                    r.skipped(),
                    r.failures(),
                    sci(r.maxAbsError()),
                    r.maxAbsError() <= tolerance.atol() ? "in noise" : sci(r.maxRelError()),
                    r.worstAt(),
                    any ? String.format("%.9e", r.worstAnalytic()) : "-",
                    any ? String.format("%.9e", r.worstNumerical()) : "-"));
        }
        sb.append(passed() ? "PASSED" : "FAILED: " + failures() + " of " + checked() + " compared");
        return sb.toString();
    }

    private static String sci(double v) {
        return String.format("%.3e", v);
    }
}

package org.bricknet.core.check;

import java.util.List;
import org.bricknet.core.Tensor;

/**
 * The outcome of one gradient check: one {@link Row} per checked tensor (the input and each
 * parameter), the mode and the tolerance they were judged by, and how many times the scalar
 * function was evaluated. {@link #toString()} is an aligned table; a failed assertion carries it.
 *
 * <p>A tensor none of whose elements (or directions) was compared, every one of them found on a
 * kink, is <em>not checked</em>: nothing was learnt about its gradient, so the check does not pass
 * ({@link #passed()}) unless the caller allows it ({@link #allowingUnchecked()}), and the table
 * says so either way.
 */
public record GradientReport(
        List<Row> rows, CheckMode mode, Tolerance tolerance, long evaluations, boolean uncheckedAllowed) {

    public GradientReport {
        rows = List.copyOf(rows);
    }

    /** A report whose tensors must all be checked to pass. */
    public GradientReport(List<Row> rows, CheckMode mode, Tolerance tolerance, long evaluations) {
        this(rows, mode, tolerance, evaluations, false);
    }

    /**
     * The same report, passing when nothing failed even if a tensor was not checked (for a point
     * known to sit on kinks); the table still names the tensors not checked.
     */
    public GradientReport allowingUnchecked() {
        return new GradientReport(rows, mode, tolerance, evaluations, true);
    }

    /** The names of the tensors none of whose elements was compared. */
    public List<String> notChecked() {
        return rows.stream().filter(Row::notChecked).map(Row::name).toList();
    }

    /**
     * One checked tensor. {@code checked} counts the compared elements (or directions, in
     * {@link CheckMode.Directions} mode), {@code skipped} those of them found on a kink, and
     * {@code failures} those that broke the tolerance at a smooth point. The maxima and the worst
     * element leave skipped elements out. The maximum relative error is taken over the elements
     * whose absolute error is above {@code atol} (below it, it measures rounding noise; the table
     * then says "in noise"). The worst
     * element is the one whose error is the most tolerances large; {@code worstIndex} is its
     * multi-index, or {@code {d}} for direction {@code d}. {@code derivative}, when known, is the
     * worst element seen as one plain derivative (see {@link Derivative}); null otherwise.
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
            boolean directional,
            Derivative derivative) {

        /** Whether no element of this tensor failed (a tensor not checked did not fail either). */
        public boolean passed() {
            return failures == 0;
        }

        /** The elements (or directions) compared: checked and not found on a kink. */
        public int compared() {
            return checked - skipped;
        }

        /** Whether nothing of this tensor was compared: every element or direction sat on a kink. */
        public boolean notChecked() {
            return compared() == 0;
        }

        /** This row with {@code d} as its worst element's plain derivative. */
        public Row withDerivative(Derivative d) {
            return new Row(
                    name,
                    shape,
                    checked,
                    skipped,
                    failures,
                    maxAbsError,
                    maxRelError,
                    worstIndex,
                    worstAnalytic,
                    worstNumerical,
                    directional,
                    d);
        }

        /** The worst element as {@code (1, 0)}, or a direction as {@code v2}; {@code -} if none. */
        public String worstAt() {
            if (checked == skipped) {
                return "-";
            }
            return directional ? "v" + worstIndex[0] : Tensor.shapeString(worstIndex);
        }
    }

    /**
     * One plain derivative behind a row's worst value, which the check itself sees weighted: in a
     * layer check the scalar is {@code Σ y ⊙ R} with a random {@code R}, in direction mode the value
     * is a sum along a random direction. {@code of} says which derivative it is, such as
     * {@code ∂y(0, 3)/∂input(0, 3)} or {@code ∂f/∂W1(4, 2)}.
     */
    public record Derivative(String of, double analytic, double numerical) {}

    /** Whether no element failed and every tensor was checked (or the caller allowed one not to be). */
    public boolean passed() {
        return rows.stream().allMatch(Row::passed)
                && (uncheckedAllowed || notChecked().isEmpty());
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
            boolean any = !r.notChecked();
            sb.append(String.format(
                    fmt,
                    r.name(),
                    Tensor.shapeString(r.shape()),
                    r.checked(),
                    r.skipped(),
                    r.failures(),
                    any ? sci(r.maxAbsError()) : "-",
                    !any ? "NOT CHECKED" : r.maxAbsError() <= tolerance.atol() ? "in noise" : sci(r.maxRelError()),
                    r.worstAt(),
                    any ? String.format("%.9e", r.worstAnalytic()) : "-",
                    any ? String.format("%.9e", r.worstNumerical()) : "-"));
        }
        for (Row r : rows) {
            if (r.derivative() != null) {
                sb.append(String.format(
                        "%s's worst as a plain derivative, %s: analytic %.9e, numerical %.9e%n",
                        r.name(),
                        r.derivative().of(),
                        r.derivative().analytic(),
                        r.derivative().numerical()));
            }
        }
        List<String> unchecked = notChecked();
        String none = unchecked.isEmpty()
                ? ""
                : "; not checked (every element or direction on a kink): " + String.join(", ", unchecked);
        sb.append(
                passed()
                        ? "PASSED" + (unchecked.isEmpty() ? "" : " as allowed" + none)
                        : "FAILED: " + failures() + " of " + checked() + " compared" + none);
        return sb.toString();
    }

    private static String sci(double v) {
        return String.format("%.3e", v);
    }
}

package org.bricknet.core.inspect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bricknet.core.Network;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;

/**
 * How a classifier does on a labelled set, class by class: the confusion matrix (rows the true
 * class, columns the predicted one), and for each class its precision {@code TP / (TP + FP)}, recall
 * {@code TP / (TP + FN)}, F1 {@code 2·P·R / (P + R)} and support (its number of examples), their
 * macro averages (the plain mean over classes), and the accuracy. A class never predicted has
 * precision 0, one never present recall 0, and F1 is 0 when both are (scikit-learn's
 * {@code classification_report} with {@code zero_division=0}).
 */
public final class EvaluationReport {
    private final List<String> names;
    private final int[][] confusion;
    private final int total;

    private EvaluationReport(List<String> names, int[][] confusion, int total) {
        this.names = names;
        this.confusion = confusion;
        this.total = total;
    }

    /**
     * The report of {@code network} on {@code data} (predicted in evaluation mode, 1000 rows at a
     * time), with one name per class ({@code data.classes()} of them).
     */
    public static EvaluationReport of(Network network, Dataset data, List<String> classNames) {
        int k = data.classes();
        requireNames(classNames, k);
        int[] predicted = new int[data.size()];
        for (int from = 0; from < data.size(); from += 1000) {
            int to = Math.min(data.size(), from + 1000);
            Tensor scores = network.predict(data.slice(from, to).inputs());
            if (scores.cols() != k) {
                throw new IllegalArgumentException("EvaluationReport: the network gives " + scores.cols()
                        + " scores per example, the data has " + k + " classes");
            }
            for (int i = 0; i < to - from; i++) {
                predicted[from + i] = Targets.argmax(scores.data(), i * k, k);
            }
        }
        return of(data.labels(), predicted, classNames);
    }

    /** The report of predictions against labels, both class indices in {@code [0, classNames.size())}. */
    public static EvaluationReport of(int[] labels, int[] predicted, List<String> classNames) {
        int k = classNames.size();
        requireNames(classNames, k);
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(
                    "EvaluationReport: " + labels.length + " labels but " + predicted.length + " predictions");
        }
        int[][] c = new int[k][k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("EvaluationReport: example " + i + " has label " + labels[i]
                        + " and prediction " + predicted[i] + "; expected classes in [0, " + k + ")");
            }
            c[labels[i]][predicted[i]]++;
        }
        return new EvaluationReport(List.copyOf(classNames), c, labels.length);
    }

    private static void requireNames(List<String> names, int classes) {
        if (names == null || names.size() != classes) {
            throw new IllegalArgumentException("EvaluationReport: expected " + classes + " class names, got "
                    + (names == null ? "none" : names.size()));
        }
    }

    public List<String> classNames() {
        return names;
    }

    /** {@code confusion()[true][predicted]}: how many examples of each class went to each class (a copy). */
    public int[][] confusion() {
        return Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
    }

    public int examples() {
        return total;
    }

    public int correct() {
        int c = 0;
        for (int i = 0; i < confusion.length; i++) {
            c += confusion[i][i];
        }
        return c;
    }

    public double accuracy() {
        return correct() / (double) total;
    }

    public int support(int c) {
        return Arrays.stream(confusion[c]).sum();
    }

    private int predictedAs(int c) {
        int n = 0;
        for (int[] row : confusion) {
            n += row[c];
        }
        return n;
    }

    public double precision(int c) {
        int p = predictedAs(c);
        return p == 0 ? 0 : confusion[c][c] / (double) p;
    }

    public double recall(int c) {
        int s = support(c);
        return s == 0 ? 0 : confusion[c][c] / (double) s;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroPrecision() {
        return macro(0);
    }

    public double macroRecall() {
        return macro(1);
    }

    public double macroF1() {
        return macro(2);
    }

    private double macro(int which) {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += which == 0 ? precision(c) : which == 1 ? recall(c) : f1(c);
        }
        return sum / confusion.length;
    }

    /** The per-class table, the macro averages and the accuracy, then the confusion matrix. */
    @Override
    public String toString() {
        int w = Math.max(
                "macro average".length(),
                names.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT, "%-" + w + "s  %9s  %9s  %9s  %7s%n", "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < names.size(); c++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-" + w + "s  %9.4f  %9.4f  %9.4f  %7d%n",
                    names.get(c),
                    precision(c),
                    recall(c),
                    f1(c),
                    support(c)));
        }
        sb.append(String.format(
                Locale.ROOT,
                "%-" + w + "s  %9.4f  %9.4f  %9.4f  %7d%n",
                "macro average",
                macroPrecision(),
                macroRecall(),
                macroF1(),
                total));
        sb.append(String.format(Locale.ROOT, "accuracy: %d / %d = %.2f%%%n%n", correct(), total, 100 * accuracy()));
        sb.append(confusionText());
        return sb.toString();
    }

    /**
     * The confusion matrix with a legend: each class numbered, named once, the columns headed by
     * number so that long names keep the matrix narrow.
     */
    public String confusionText() {
        int k = names.size();
        int cell = Math.max(4, Integer.toString(total).length() + 1);
        StringBuilder sb = new StringBuilder("confusion matrix (rows: true class, columns: predicted class)\n");
        int label = Math.max(4, Integer.toString(k - 1).length() + 1);
        sb.append(" ".repeat(label + 1));
        for (int j = 0; j < k; j++) {
            sb.append(String.format(Locale.ROOT, "%" + cell + "d", j));
        }
        sb.append('\n');
        for (int i = 0; i < k; i++) {
            sb.append(String.format(Locale.ROOT, "%" + label + "d ", i));
            for (int j = 0; j < k; j++) {
                sb.append(String.format(Locale.ROOT, "%" + cell + "d", confusion[i][j]));
            }
            if (!names.get(i).equals(Integer.toString(i))) {
                sb.append("  ").append(names.get(i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

package org.bricknet.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.bricknet.core.Network;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Batch;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.MiniBatches;
import org.bricknet.core.inspect.EvaluationReport;

/**
 * What {@code evaluate} and {@code predict} print with class names: the {@link EvaluationReport}
 * of a model on a test set (precision, recall, F1 and support per class, macro averages, accuracy,
 * the confusion matrix), predicted a bounded number of rows at a time, and one example's outputs
 * class by class.
 */
final class ReportPrinter {
    private ReportPrinter() {}

    /** The report of {@code net} on {@code test}, scoring {@code rows} examples per forward pass. */
    static EvaluationReport report(Network net, Dataset test, int rows, List<String> names) {
        int k = names.size();
        int[] labels = new int[test.size()];
        int[] predicted = new int[test.size()];
        MiniBatches chunks = new MiniBatches(test, rows);
        int at = 0;
        for (int c = 0; c < chunks.count(); c++) {
            Batch b = chunks.get(c);
            Tensor scores = net.predict(b.x());
            for (int i = 0; i < b.size(); i++, at++) {
                labels[at] = (int) b.t().data()[i];
                predicted[at] = Targets.argmax(scores.data(), i * k, k);
            }
        }
        return EvaluationReport.of(labels, predicted, names);
    }

    /** A class as a line names it: its number, and its name when that is not the number. */
    static String label(int c, List<String> names) {
        String name = names.get(c);
        return name.equals(Integer.toString(c)) ? name : c + " (" + name + ")";
    }

    /**
     * One example's outputs (probabilities for softmax), a line per class: number, name (when the
     * classes have names), value and a bar of up to 40 characters.
     */
    static void outputs(PrintWriter out, double[] outputs, List<String> names) {
        boolean named = !names.equals(org.bricknet.core.io.ClassNames.numbered(names.size()));
        int width = names.stream().mapToInt(String::length).max().orElse(0);
        for (int j = 0; j < outputs.length; j++) {
            double p = outputs[j];
            out.println(String.format(
                            Locale.ROOT,
                            "  %d  %s%.4f  %s",
                            j,
                            named ? String.format(Locale.ROOT, "%-" + width + "s  ", names.get(j)) : "",
                            p,
                            "#".repeat((int) Math.round(Math.max(0, Math.min(1, p)) * 40)))
                    .stripTrailing());
        }
    }
}

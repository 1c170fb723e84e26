package org.bricknet.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bricknet.core.Network;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Batch;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.MiniBatches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate --model FILE}: test accuracy and a confusion matrix, from the test files alone. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Accuracy of a saved model on the test set, and its confusion matrix.")
public final class EvaluateCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "FILE",
            description = "a model saved by 'train --save', or with --from-torch a PyTorch MLP's state_dict")
    Path model;

    @Mixin
    TorchModelOption torch;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = torch.load(model);
        Dataset test = saved.shape(data.loadTest(), model, data.describe());
        Network net = saved.network();
        int k = saved.spec().classes();
        int[][] confusion = new int[k][k];
        int correct = 0;
        MiniBatches chunks = new MiniBatches(test, SavedModel.rows(saved.spec()));
        for (int c = 0; c < chunks.count(); c++) {
            Batch b = chunks.get(c);
            Tensor scores = net.predict(b.x());
            for (int i = 0; i < b.size(); i++) {
                int label = (int) b.t().data()[i];
                int predicted = Targets.argmax(scores.data(), i * k, k);
                confusion[label][predicted]++;
                if (predicted == label) {
                    correct++;
                }
            }
        }
        var out = spec.commandLine().getOut();
        out.printf("model %s: %s, test set %s%n", model, saved.spec(), data.describe());
        out.printf("accuracy: %d / %d = %.2f%%%n%n", correct, test.size(), 100.0 * correct / test.size());
        out.println("confusion matrix (rows: true class, columns: predicted class)");
        out.print("     ");
        for (int j = 0; j < k; j++) {
            out.printf("%6d", j);
        }
        out.println();
        for (int i = 0; i < k; i++) {
            out.printf("%4d ", i);
            for (int j = 0; j < k; j++) {
                out.printf("%6d", confusion[i][j]);
            }
            out.println();
        }
        return 0;
    }
}

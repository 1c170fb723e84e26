package org.bricknet.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bricknet.core.Network;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate --model FILE}: test accuracy and a confusion matrix. */
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
        Dataset test = saved.spec().shape(data.load().test());
        Network net = saved.network();
        Tensor scores = net.predict(test.inputs());
        int k = scores.cols();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int predicted = Targets.argmax(scores.data(), i * k, k);
            confusion[test.labels()[i]][predicted]++;
            if (predicted == test.labels()[i]) {
                correct++;
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

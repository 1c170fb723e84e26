package org.bricknet.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.inspect.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate --model FILE [--classes FILE]}: precision, recall, F1 and support per class, the
 * accuracy and the confusion matrix ({@link ReportPrinter}), from the test files alone.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "A saved model's precision, recall and F1 per class on the test set, its accuracy and its"
                + " confusion matrix.")
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

    @Mixin
    ClassNamesOption classNames;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = torch.load(model);
        List<String> named = classNames.read(saved.spec().classes());
        Dataset test = saved.shape(data.loadTest(), model, data.describe());
        List<String> names = ClassNamesOption.orRecognised(named, test);
        EvaluationReport report = ReportPrinter.report(saved.network(), test, SavedModel.rows(saved.spec()), names);
        var out = spec.commandLine().getOut();
        out.printf("model %s: %s, test set %s%n%n", model, saved.spec(), data.describe());
        out.print(report);
        out.flush();
        return 0;
    }
}

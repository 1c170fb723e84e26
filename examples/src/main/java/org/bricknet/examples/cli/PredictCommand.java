package org.bricknet.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bricknet.core.Network;
import org.bricknet.core.Targets;
import org.bricknet.core.Tensor;
import org.bricknet.core.data.Dataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code predict --model FILE --index I}: one test image drawn as text, and the model's outputs. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Draw test image I in the terminal and print the model's output for each class (the"
                + " probabilities, for softmax), with the class names.")
public final class PredictCommand implements Callable<Integer> {
    private static final String SHADES = " .:-=+*#%@";

    @Option(
            names = "--model",
            required = true,
            paramLabel = "FILE",
            description = "a model saved by 'train --save', or with --from-torch a PyTorch MLP's state_dict")
    Path model;

    @Option(
            names = "--index",
            paramLabel = "I",
            defaultValue = "0",
            description = "test image index (default: ${DEFAULT-VALUE})")
    int index;

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
        Bounds.in(spec.commandLine(), "--index", index, 0, Integer.MAX_VALUE);
        SavedModel saved = torch.load(model);
        List<String> named = classNames.read(saved.spec().classes());
        Dataset test = saved.shape(data.loadTest(), model, data.describe());
        List<String> names = ClassNamesOption.orRecognised(named, test);
        if (index < 0 || index >= test.size()) {
            throw new ParameterException(
                    spec.commandLine(), "--index must be in [0, " + test.size() + "), got " + index);
        }
        Dataset one = test.slice(index, index + 1);
        var out = spec.commandLine().getOut();
        double[] px = one.inputs().data();
        int[] image = one.imageShape();
        if (image != null && image[1] <= 200 && image[2] <= 200) {
            int h = image[1];
            int w = image[2];
            for (int r = 0; r < h; r++) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < w; c++) {
                    double v = Math.max(0, px[r * w + c]);
                    char ch = SHADES.charAt((int) Math.min(SHADES.length() - 1, v * SHADES.length()));
                    line.append(ch).append(ch);
                }
                out.println(line.toString().stripTrailing());
            }
        }
        Network net = saved.network();
        Tensor outputs = net.lossLayer().forward(net.predict(one.inputs()));
        int k = outputs.cols();
        int best = Targets.argmax(outputs.data(), 0, k);
        out.printf(
                "test image %d, label %s, predicted %s%n",
                index, ReportPrinter.label(one.labels()[0], names), ReportPrinter.label(best, names));
        ReportPrinter.outputs(out, outputs.data(), names);
        out.flush();
        return 0;
    }
}

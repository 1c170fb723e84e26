package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --architecture FILE.json} of {@code train} and {@code gradcheck}: the model is a graph
 * written as an architecture file ({@code examples/architectures/}), read and checked whole
 * ({@link GraphModel}) before anything is built. The file says the model, so the built-in models'
 * options are refused beside it.
 */
public final class ArchitectureOption {
    /** The options that shape a built-in model, which an architecture file replaces. */
    static final List<String> MODEL_OPTIONS =
            List.of("--model", "--hidden", "--activation", "--init", "--dropout", "--batch-norm", "--loss", "--lambda");

    @Option(
            names = "--architecture",
            paramLabel = "FILE.json",
            description = "a graph written as an architecture file (see examples/architectures); its 'training'"
                    + " section gives the defaults, which the options here override")
    Path file;

    /** Whether {@code --architecture} was given. */
    boolean given() {
        return file != null;
    }

    /** The architecture of {@code --architecture}, read and checked. */
    GraphModel read() throws IOException {
        return GraphModel.read(file);
    }

    /**
     * Refuses, beside {@code --architecture}, each built-in model's option given on {@code cl}
     * ({@code --model} included).
     */
    void refuseModelOptions(CommandLine cl) {
        for (String option : MODEL_OPTIONS) {
            if (cl.getCommandSpec().findOption(option) != null && ModelOptions.given(cl, option)) {
                throw new ParameterException(
                        cl,
                        option + " does not apply to --architecture, whose file says the model ("
                                + String.join(", ", MODEL_OPTIONS) + " are for the built-in models)");
            }
        }
    }
}

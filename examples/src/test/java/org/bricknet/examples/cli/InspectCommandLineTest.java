package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.TensorFormat;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.inspect.EvaluationReport;
import org.bricknet.core.inspect.Trace;
import org.bricknet.examples.Datasets;
import org.bricknet.examples.NielsenNetwork2;
import org.bricknet.examples.TwoLayerNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace}, and {@code evaluate} and {@code predict} with class names: each prints what the
 * library computes ({@link Trace}, {@link EvaluationReport}) for the network the command builds or
 * reads, and refuses bad input in one line.
 */
class InspectCommandLineTest {
    @TempDir
    Path dir;

    private static void refused(CommandLineTest.Run r, int code, String expected) {
        assertEquals(code, r.code(), r.out() + r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertEquals("bricknet: " + expected, first, r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void traceIsTheLibrarysTraceOfTheFreshNetworkTrainWouldStart() {
        CommandLineTest.Run r = run("trace");
        assertEquals(0, r.code(), r.err());
        Dataset batch = Datasets.mnist10kTrain().slice(0, 100);
        Trace t = Trace.of(new TwoLayerNet(784, 50, 10, new Random(42)), batch.inputs(), batch.targets(), false);
        assertTrue(r.out().contains(t.toString()), r.out());
        assertTrue(
                r.out()
                        .startsWith(
                                "trace of two-layer 784,50,10, fresh (seed 42) on the first 100 training examples of"
                                        + " embedded mnist-10k (training mode), loss 2.30100"),
                r.out());
        // network2.py's network: no last sigmoid (it is in the loss), and its weight decay λ/n
        CommandLineTest.Run n2 = run("trace", "--model", "nielsen2", "--batch", "5", "--seed", "3");
        assertEquals(0, n2.code(), n2.err());
        Dataset five = Datasets.mnist10kTrain().slice(0, 5);
        Network net = new NielsenNetwork2(new Random(3), 784, 30, 10).withWeightDecay(5.0 / 8000);
        assertTrue(
                n2.out()
                        .contains(Trace.of(net, five.inputs(), five.targets(), false)
                                .toString()),
                n2.out());
    }

    @Test
    void valuesArePrintedAndATensorTooLargeIsSummarisedWithANote() {
        CommandLineTest.Run r = run("trace", "--hidden", "4", "--batch", "2", "--values");
        assertEquals(0, r.code(), r.err());
        Dataset two = Datasets.mnist10kTrain().slice(0, 2);
        Trace t = Trace.of(new TwoLayerNet(784, 4, 10, new Random(42)), two.inputs(), two.targets(), true);
        assertTrue(r.out().contains(t.values(TensorFormat.DEFAULT)), r.out());
        // dL/dW1 is 784 × 4 = 3,136 values: its edges, and a note saying so
        assertTrue(
                r.out()
                        .contains(
                                "(summarised: 3136 elements, more than the 1000 printed in full; use a smaller batch or"
                                        + " a larger threshold)"),
                r.out());
        assertTrue(r.out().contains("Relu1 forward out: Tensor(2, 4)\n[["), r.out());
    }

    @Test
    void aTrainedModelIsTracedAndBadTraceOptionsAreOneLineErrors() throws Exception {
        Path model = dir.resolve("m.safetensors");
        assertEquals(
                0,
                run("train", "--epochs", "1", "--hidden", "6", "--save", model.toString())
                        .code());
        CommandLineTest.Run r = run("trace", "--trained", model.toString(), "--batch", "10");
        assertEquals(0, r.code(), r.err());
        Dataset ten = Datasets.mnist10kTrain().slice(0, 10);
        Network saved = SavedModel.load(model).network();
        assertTrue(
                r.out()
                        .contains(Trace.of(saved, ten.inputs(), ten.targets(), false)
                                .toString()),
                r.out());
        assertTrue(r.out().startsWith("trace of two-layer 784,6,10 from " + model), r.out());
        refused(
                run("trace", "--trained", model.toString(), "--hidden", "5"),
                2,
                "--hidden is for a fresh network; the model comes from --trained " + model);
        refused(run("trace", "--batch", "0"), 2, "--batch must be in [1, 10000], got 0");
        refused(
                run("trace", "--model", "resnet"),
                2,
                "--model: unknown model 'resnet'; expected one of [two-layer,"
                        + " nielsen, mlp, cnn, nielsen2, logistic]");
        refused(
                run("trace", "--hidden", "5,5"),
                2,
                "--hidden: --model two-layer has one hidden layer; give one size, got 2");
        refused(
                run("trace", "--trained", dir.resolve("none").toString()),
                1,
                dir.resolve("none") + ": no such file or directory");
    }

    @Test
    void evaluateAndPredictNameTheClassesFromAFileOrTheData() throws Exception {
        Path model = dir.resolve("m.safetensors");
        assertEquals(
                0,
                run("train", "--epochs", "1", "--hidden", "8", "--save", model.toString())
                        .code());
        Path names = dir.resolve("names.txt");
        List<String> words = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        Files.write(names, words);
        CommandLineTest.Run eval = run("evaluate", "--model", model.toString(), "--classes", names.toString());
        assertEquals(0, eval.code(), eval.err());
        Dataset test = Datasets.mnist10kTest();
        EvaluationReport report = EvaluationReport.of(SavedModel.load(model).network(), test, words);
        assertTrue(eval.out().contains(report.toString()), eval.out() + "\nexpected\n" + report);
        assertTrue(eval.out().contains("seven  "), eval.out());
        // without a file: the numbers of the classes
        CommandLineTest.Run numbered = run("evaluate", "--model", model.toString());
        assertTrue(
                numbered.out()
                        .contains(EvaluationReport.of(
                                        SavedModel.load(model).network(),
                                        test,
                                        words.stream()
                                                .map(w -> Integer.toString(words.indexOf(w)))
                                                .toList())
                                .toString()),
                numbered.out());

        CommandLineTest.Run p =
                run("predict", "--model", model.toString(), "--index", "0", "--classes", names.toString());
        assertEquals(0, p.code(), p.err());
        int label = test.labels()[0];
        assertTrue(
                p.out().contains("test image 0, label " + label + " (" + words.get(label) + "), predicted "), p.out());
        assertTrue(p.out().contains("\n  7  seven  "), p.out());

        Files.write(names, words.subList(0, 9));
        refused(
                run("evaluate", "--model", model.toString(), "--classes", names.toString()),
                1,
                names + ": names 9 classes, one per line; expected 10, one for each class");
        refused(
                run("predict", "--model", model.toString(), "--classes", dir.toString()),
                1,
                dir + ": is a directory, not a file");
    }
}

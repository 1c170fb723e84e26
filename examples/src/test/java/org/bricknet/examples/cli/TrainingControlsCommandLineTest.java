package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.examples.Datasets;
import org.bricknet.optim.Sgd;
import org.bricknet.optim.training.GradientClipping;
import org.bricknet.optim.training.LearningRateSchedule;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --validation, --schedule, --clip, --early-stopping, --batch-size all, --history}:
 * the run is the library's {@code Trainer} with those controls, to the bit; impossible values and
 * controls without the data they watch are one-line usage errors before any work (resuming with
 * them: {@link TrainingControlsResumeCommandLineTest}).
 */
class TrainingControlsCommandLineTest {
    @TempDir
    Path dir;

    static void refused(int code, String expected, String... args) {
        CommandLineTest.Run r = run(args);
        assertEquals(code, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        assertEquals("bricknet: " + expected, r.err().lines().findFirst().orElse(""), String.join(" ", args));
        assertFalse(r.out().contains("Epoch"), "refused after training:\n" + r.out());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void impossibleControlsAreOneLineUsageErrorsBeforeAnyWork() {
        refused(2, "--schedule exp:-1: expected a factor in (0, 1], got -1.0", "train", "--schedule", "exp:-1");
        refused(2, "--schedule exp:NaN: expected a factor in (0, 1], got NaN", "train", "--schedule", "exp:NaN");
        refused(2, "--schedule step:0:0.5: expected a step of epochs >= 1, got 0", "train", "--schedule", "step:0:0.5");
        refused(
                2,
                "--schedule cosine:5:-0.1: expected a minimum rate that is finite and >= 0, got -0.1",
                "train",
                "--schedule",
                "cosine:5:-0.1");
        refused(
                2,
                "--schedule plateau:val-loss:0.5:2: unknown metric 'val-loss'; expected one of [train-loss, train-accuracy, test-loss,"
                        + " test-accuracy, validation-loss, validation-accuracy]",
                "train",
                "--schedule",
                "plateau:val-loss:0.5:2");
        refused(
                2,
                "--schedule cosine:10 gives a learning rate of 0.0 for epoch 11 of 20; expected a finite rate > 0"
                        + " (give it a minimum rate, or as many epochs as the run: cosine:20)",
                "train",
                "--epochs",
                "20",
                "--schedule",
                "cosine:10");
        refused(
                2,
                "--schedule exp:1e-300 gives a learning rate of 0.0 for epoch 3 of 5; expected a finite rate > 0",
                "train",
                "--epochs",
                "5",
                "--schedule",
                "exp:1e-300");
        refused(
                2,
                "--clip norm:-5: expected a maximum norm that is finite and > 0, got -5.0",
                "train",
                "--clip",
                "norm:-5");
        refused(
                2,
                "--clip value:NaN: expected a limit that is finite and > 0, got NaN",
                "train",
                "--clip",
                "value:NaN");
        refused(2, "--clip size:3: expected norm:MAX or value:LIMIT", "train", "--clip", "size:3");
        refused(
                2,
                "--early-stopping validation-loss:5 watches the validation loss, but no data is held out for"
                        + " validation; add --validation 0.1 (the last tenth of the training set)",
                "train",
                "--early-stopping",
                "validation-loss:5");
        refused(
                2,
                "--schedule plateau:validation-accuracy:0.5:2 watches the validation accuracy, but no data is held out"
                        + " for validation; add --validation 0.1 (the last tenth of the training set)",
                "train",
                "--schedule",
                "plateau:validation-accuracy:0.5:2");
        refused(
                2,
                "--early-stopping train-loss:3: early stopping watches held-out data; expected validation-loss,"
                        + " validation-accuracy, test-loss or test-accuracy",
                "train",
                "--early-stopping",
                "train-loss:3");
        refused(
                2,
                "--early-stopping validation-loss:0: expected a patience of epochs >= 1, got 0",
                "train",
                "--validation",
                "0.1",
                "--early-stopping",
                "validation-loss:0");
        for (String f : new String[] {"0", "1", "-0.1", "NaN", "Infinity"}) {
            refused(
                    2,
                    "--validation " + Double.parseDouble(f) + ": expected a fraction > 0 and < 1",
                    "train",
                    "--validation",
                    f);
        }
        refused(2, "--batch-size: expected a whole number or all, got 'most'", "train", "--batch-size", "most");
        refused(
                2,
                "--clip does not apply to --optimizer lbfgs, which trains on the full batch (no --batch-size, --lr,"
                        + " --checkpoint, --resume, --plot, --history, --plot-gradients, --schedule, --early-stopping,"
                        + " --clip, --validation)",
                "train",
                "--optimizer",
                "lbfgs",
                "--clip",
                "norm:1");
    }

    @Test
    void aSplitThatLeavesNothingToTrainOnIsRefusedOnceTheDataIsRead() throws Exception {
        Path data = IdxDirs.write(dir.resolve("data"), 3, 3, 4, 4, 1);
        refused(
                1,
                "--validation 0.9 of 3 training examples leaves none to train on",
                "train",
                "--data",
                data.toString(),
                "--validation",
                "0.9");
    }

    @Test
    @Tag("slow")
    void theRunIsTheTrainersWithTheSameControlsToTheBit() throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path history = dir.resolve("h.json");
        CommandLineTest.Run r = run(
                "train",
                "--hidden",
                "10",
                "--seed",
                "5",
                "--batch-size",
                "200",
                "--epochs",
                "3",
                "--validation",
                "0.1",
                "--schedule",
                "step:1:0.5",
                "--clip",
                "value:0.01",
                "--save",
                model.toString(),
                "--history",
                history.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out()
                        .contains("the last 800 of 8000 training examples held out for validation; learning rate"
                                + " schedule step:1:0.5; clipping by value 0.01"),
                r.out());
        assertTrue(r.out().contains(", validation loss "), r.out());

        Mnist.Split digits = Datasets.mnist10k();
        ModelSpec spec = ModelSpec.of(ModelSpec.Kind.TWO_LAYER, new int[] {1, 28, 28}, new int[] {10}, 10);
        Network net = spec.build(new Random(5));
        TrainingHistory h = new Trainer(net, new Sgd(0.1))
                .epochs(3)
                .batchSize(200)
                .seed(5)
                .evaluateOn(spec.shape(digits.test()))
                .validationSplit(0.1)
                .schedule(LearningRateSchedule.step(1, 0.5))
                .clipGradients(GradientClipping.byValue(0.01))
                .quiet()
                .fit(spec.shape(digits.train()));
        Map<String, Tensor> saved = SafeTensors.load(model).tensors();
        net.state().forEach((k, t) -> assertArrayEquals(t.data(), saved.get(k).data(), 0.0, k));

        TrainingHistory written = TrainingHistory.fromJson(Files.readString(history), history.toString());
        assertArrayEquals(new double[] {0.1, 0.05, 0.025}, written.learningRates(), 0.0);
        assertArrayEquals(h.validationLosses(), written.validationLosses(), 0.0);
        assertArrayEquals(h.testAccuracies(), written.testAccuracies(), 0.0);
    }

    @Test
    @Tag("slow")
    void fullBatchStepsAreOneStepAnEpochOnTheWholeTrainingSet() throws Exception {
        Path data = IdxDirs.write(dir.resolve("data"), 300, 50, 8, 8, 2);
        Path model = dir.resolve("m.safetensors");
        Path csv = dir.resolve("h.csv");
        CommandLineTest.Run r = run(
                "train",
                "--data",
                data.toString(),
                "--hidden",
                "7",
                "--epochs",
                "4",
                "--batch-size",
                "all",
                "--save",
                model.toString(),
                "--history",
                csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 epochs, batch 300, sgd lr 0.1"), r.out());
        assertFalse(r.out().contains("note: --batch-size"), "all is no mistake to note: " + r.out());
        Mnist.Split split = Mnist.load(data);
        ModelSpec spec = ModelSpec.of(
                ModelSpec.Kind.TWO_LAYER,
                new int[] {1, 8, 8},
                new int[] {7},
                split.train().classes());
        Network net = spec.build(new Random(42));
        new Trainer(net, new Sgd(0.1)).epochs(4).fullBatch().seed(42).quiet().fit(spec.shape(split.train()));
        Map<String, Tensor> saved = SafeTensors.load(model).tensors();
        net.state().forEach((k, t) -> assertArrayEquals(t.data(), saved.get(k).data(), 0.0, k));
        String[] lines = Files.readString(csv).split("\n");
        assertEquals(
                "epoch,mean_loss,train_accuracy,test_accuracy,seconds,test_loss,validation_loss,validation_accuracy,"
                        + "learning_rate",
                lines[0]);
        assertEquals(5, lines.length);
    }

    @Test
    @Tag("slow")
    void earlyStoppingEndsTheRunAndKeepsTheBestEpoch() throws Exception {
        // random labels: the validation loss rises once the network learns the noise of the rest
        Path data = IdxDirs.write(dir.resolve("data"), 200, 100, 8, 8, 3);
        Path model = dir.resolve("m.safetensors");
        CommandLineTest.Run r = run(
                "train",
                "--data",
                data.toString(),
                "--model",
                "mlp",
                "--hidden",
                "64",
                "--lr",
                "0.5",
                "--batch-size",
                "20",
                "--epochs",
                "40",
                "--validation",
                "0.25",
                "--early-stopping",
                "validation-loss:2",
                "--save",
                model.toString());
        assertEquals(0, r.code(), r.err());
        String stop = r.out()
                .lines()
                .filter(l -> l.startsWith("early stopping after epoch "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.out()));
        int last = Integer.parseInt(stop.substring("early stopping after epoch ".length(), stop.indexOf(':')));
        assertTrue(last < 40, stop);
        assertEquals(last, r.out().lines().filter(l -> l.startsWith("Epoch ")).count(), r.out());
        int best = Integer.parseInt(stop.substring(stop.indexOf("on epoch ") + 9, stop.indexOf("'s")));
        assertEquals(last - 2, best, stop);
        assertTrue(stop.contains("; restored the parameters of epoch " + best + " (validation loss "), stop);
        String bestLine = r.out()
                .lines()
                .filter(l -> l.startsWith("Epoch " + best + ": "))
                .findFirst()
                .orElseThrow();
        String correct = bestLine.substring(("Epoch " + best + ": ").length(), bestLine.indexOf(" /"));
        assertTrue(
                r.out().contains("final test accuracy: ") && r.out().contains("(" + correct + " / 100)"),
                "the final accuracy is the kept epoch's:\n" + r.out());
        CommandLineTest.Run eval = run("evaluate", "--model", model.toString(), "--data", data.toString());
        assertTrue(eval.out().contains("accuracy: " + correct + " / 100"), eval.out());
    }
}

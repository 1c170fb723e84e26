package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.examples.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --architecture FILE.json}: the file's training settings as defaults, the command
 * line's over them, the model saved with its architecture and read back by {@code evaluate},
 * {@code predict} and {@code gradcheck}; and every refusal one line, before training.
 */
class ArchitectureCommandLineTest {
    @TempDir
    Path dir;

    /** The run failed with {@code code} and exactly {@code line} on standard error, before any epoch. */
    static void refused(CommandLineTest.Run r, int code, String line) {
        assertEquals(code, r.code(), r.out() + r.err());
        assertEquals(line, r.err().lines().findFirst().orElse(""), r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.out().contains("Epoch "), "refused before training: " + r.out());
    }

    static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElse("(no line " + start + ")");
    }

    @Test
    void trainsWithTheFilesSettingsAndTheSavedGraphIsEvaluatedPredictedAndChecked() throws Exception {
        Path file = Architectures.write(
                dir,
                "mlp.json",
                Architectures.mlp(
                        "\"epochs\": 2, \"batch_size\": 200, \"optimizer\": \"sgd\", \"learning_rate\": 0.1"));
        Path model = dir.resolve("mlp.safetensors");
        CommandLineTest.Run r = run("train", "--architecture", file.toString(), "--save", model.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "training " + file + " (784 → 10) on embedded mnist-10k: 8000 training and 2000 test examples,"
                        + " 2 epochs, batch 200, sgd lr 0.1, seed 42",
                line(r.out(), "training "));
        assertTrue(r.out().contains("Epoch 2: ") && !r.out().contains("Epoch 3: "), r.out());
        assertEquals(ModelFiles.GRAPH_FORMAT, ModelFiles.read(model).metadata().get("format"));
        String last = line(r.out(), "final test accuracy: ");
        String correct = last.substring(last.indexOf('(') + 1, last.indexOf(" /"));

        CommandLineTest.Run eval = run("evaluate", "--model", model.toString());
        assertEquals(0, eval.code(), eval.err());
        assertEquals(
                "model " + model + ": mlp.json (784 → 10), test set embedded mnist-10k", line(eval.out(), "model "));
        assertEquals(
                "accuracy: " + correct + " / 2000 = " + last.substring(21, last.indexOf('%') + 1),
                line(eval.out(), "accuracy: "));

        CommandLineTest.Run predict = run("predict", "--model", model.toString(), "--index", "5");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(
                predict.out()
                        .contains("test image 5, label "
                                + Datasets.mnist10k().test().labels()[5]),
                predict.out());

        CommandLineTest.Run check = run("gradcheck", "--model", model.toString(), "--mode", "subset");
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(
                check.out()
                        .startsWith(
                                "gradcheck the model in " + model + " (mlp.json (784 → 10)), at its trained weights,"
                                        + " on the first 3 embedded test digits"),
                check.out());
        assertTrue(check.out().contains("\n[fc1] W ") && check.out().contains("PASSED"), check.out());
    }

    @Test
    void theCommandLineOverridesTheFilesSettings() throws Exception {
        Path file = Architectures.write(
                dir,
                "mlp.json",
                Architectures.mlp("\"epochs\": 5, \"batch_size\": 200, \"optimizer\": \"sgd\", \"learning_rate\": 0.1,"
                        + " \"weight_decay\": 0.001"));
        CommandLineTest.Run r = run(
                "train",
                "--architecture",
                file.toString(),
                "--epochs",
                "1",
                "--batch-size",
                "100",
                "--optimizer",
                "adam",
                "--lr",
                "0.003",
                "--weight-decay",
                "0.0001",
                "--seed",
                "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(
                line(r.out(), "training ").endsWith(" 1 epochs, batch 100, adam lr 0.003, weight decay 0.0001, seed 3"),
                r.out());
        CommandLineTest.Run none = run(
                "train",
                "--architecture",
                Architectures.write(dir, "bare.json", Architectures.mlp(null)).toString(),
                "--epochs",
                "1");
        assertEquals(0, none.code(), none.err());
        assertTrue(line(none.out(), "training ").endsWith(" 1 epochs, batch 100, adam lr 0.001, seed 42"), none.out());
    }

    @Test
    void theBuiltInModelsOptionsAreRefusedBesideAnArchitecture() throws Exception {
        String file =
                Architectures.write(dir, "mlp.json", Architectures.mlp(null)).toString();
        for (String[] option : new String[][] {
            {"--model", "mlp"}, {"--hidden", "10"}, {"--activation", "tanh"}, {"--batch-norm"}, {"--dropout", "0.1"}
        }) {
            String[] args = new String[option.length + 3];
            args[0] = "train";
            args[1] = "--architecture";
            args[2] = file;
            System.arraycopy(option, 0, args, 3, option.length);
            refused(
                    run(args),
                    2,
                    "bricknet: " + option[0] + " does not apply to --architecture, whose file says the model (--model,"
                            + " --hidden, --activation, --init, --dropout, --batch-norm, --loss, --lambda"
                            + " are for the built-in models)");
        }
    }

    @Test
    void mistakesInTheFileAreOneLineNamingTheNodeAndTheField() throws Exception {
        String good = Architectures.mlp("\"epochs\": 3, \"optimizer\": \"sgd\", \"learning_rate\": 0.1");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                good.replace("\"settings\": {\"out\": 16", "\"setings\": {\"out\": 16"),
                "node 'fc1' (Affine), unknown field 'setings' (did you mean 'settings'?); a node has the fields name,"
                        + " type, settings, block, shares, takes");
        cases.put(
                good.replace("\"type\": \"Relu\"", "\"type\": \"ReLU\""),
                "node 'relu' (ReLU), unknown brick type 'ReLU' (did you mean 'Relu'?); known types: ");
        cases.put(
                good.replace("{\"out\": 16, \"init\": \"he\"}", "{\"init\": \"he\"}"),
                "node 'fc1' (Affine), missing setting 'out' (a whole number)");
        cases.put(
                good.replace("\"learning_rate\": 0.1", "\"learning_rate\": 0.1, \"schedul\": \"step:1:0.5\""),
                "training, unknown field 'schedul' (did you mean 'schedule'?); training has the fields epochs,"
                        + " batch_size, optimizer, learning_rate, weight_decay, schedule");
        cases.put(
                good.replace("\"learning_rate\": 0.1", "\"learning_rate\": 0.1, \"schedule\": \"step:x\""),
                "training, field 'schedule': schedule 'step:x': expected step:K:FACTOR, exp:FACTOR,"
                        + " cosine:EPOCHS[:MIN_RATE] or plateau:METRIC:FACTOR:PATIENCE, with whole numbers for K, EPOCHS"
                        + " and PATIENCE and numbers for FACTOR and MIN_RATE");
        cases.put(
                good.replace("\"learning_rate\": 0.1", "\"learning_rate\": 0.1, \"schedule\": \"cosine:1\""),
                "training, field 'schedule' (cosine:1): it gives a learning rate of 0.0 in epoch 2 of 3; expected a"
                        + " finite number > 0 (give it a minimum rate > 0)");
        cases.put(
                good.replace(
                        "\"learning_rate\": 0.1",
                        "\"learning_rate\": 0.1, \"schedule\": \"plateau:validation-loss:0.5:2\""),
                "training, field 'schedule' (plateau:validation-loss:0.5:2): it watches the validation loss, but no"
                        + " data is held out for validation; add --validation 0.1 (the last tenth of the training set)");
        cases.put(
                good.replace("\"sgd\"", "\"adamax\""),
                "training, field 'optimizer': expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw"
                        + " or lbfgs, got 'adamax'");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = Architectures.write(dir, "bad" + i++ + ".json", c.getKey());
            CommandLineTest.Run r = run("train", "--architecture", f.toString());
            assertEquals(1, r.code(), r.out() + r.err());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.startsWith("bricknet: " + f + ": " + c.getValue()), first + "\nexpected " + c.getValue());
            assertEquals(1, r.err().lines().count(), r.err());
            assertFalse(r.out().contains("Epoch "), r.out());
        }
    }

    @Test
    void dataThatDoesNotFitTheInputOrTheClassesIsOneLineSayingHowToFixIt() throws Exception {
        String node = "{\"name\": \"scores\", \"type\": \"Affine\", \"settings\": {\"out\": %d}, \"takes\": [\"x\"]}";
        Path flat400 = Architectures.write(dir, "a.json", Architectures.graph("[400]", node.formatted(10), null));
        refused(
                run("train", "--architecture", flat400.toString()),
                1,
                "bricknet: the training data (embedded mnist-10k) does not fit " + flat400 + " (400 → 10): its input"
                        + " 'x' takes (N, 400), the data holds images of 28×28 (784 values): give the input the shape"
                        + " [1, 28, 28] (images) or [784] (flattened), or use data of 400 values per example");
        Path square = Architectures.write(dir, "b.json", Architectures.graph("[28, 28]", node.formatted(10), null));
        refused(
                run("train", "--architecture", square.toString()),
                1,
                "bricknet: the training data (embedded mnist-10k) does not fit " + square + " (28×28 → 10): its input"
                        + " 'x' takes (N, 28, 28), the data holds images of 28×28 (784 values), which are read as"
                        + " [1, 28, 28] or flattened as [784] only: give the input one of these shapes");
        Path images = Architectures.write(dir, "c.json", Architectures.graph("[1, 20, 20]", node.formatted(10), null));
        refused(
                run("train", "--architecture", images.toString()),
                1,
                "bricknet: the training data (embedded mnist-10k) does not fit " + images + " (1×20×20 → 10): its"
                        + " input 'x' takes (N, 1, 20, 20), the data holds images of 28×28 (784 values): give the"
                        + " input the shape [1, 28, 28] (images) or [784] (flattened), or use images of 20×20");
        Path five = Architectures.write(dir, "d.json", Architectures.graph("[784]", node.formatted(5), null));
        refused(
                run("train", "--architecture", five.toString()),
                1,
                "bricknet: the training data (embedded mnist-10k) does not fit " + five + " (784 → 5): its output"
                        + " 'scores' gives 5 scores per example, the data has 10 classes: make 'scores' give 10");
    }

    @Test
    void graphsTheCommandLineCannotScoreAreRefusedNamingWhy() throws Exception {
        String scores = "{\"name\": \"scores\", \"type\": \"Affine\", \"settings\": {\"out\": 10}, \"takes\": [\"x\"]}";
        Path two = Architectures.write(
                dir,
                "two.json",
                Architectures.graph(
                                "[784]",
                                "{\"name\": \"sum\", \"type\": \"Add\", \"takes\": [\"x\", \"y\"]},\n"
                                        + scores.replace("[\"x\"]", "[\"sum\"]"),
                                null)
                        .replace(
                                "\"inputs\": [{\"name\": \"x\", \"shape\": [784]}]",
                                "\"inputs\": [{\"name\": \"x\", \"shape\": [784]}, {\"name\": \"y\", \"shape\": [784]}]"));
        refused(
                run("train", "--architecture", two.toString()),
                1,
                "bricknet: " + two + ": the architecture has inputs [x, y]; the command line feeds a graph one input,"
                        + " the examples");
        Path losses = Architectures.write(
                dir,
                "losses.json",
                Architectures.graph("[784]", scores, null)
                        .replace(
                                "\"scores\": \"scores\"}]",
                                "\"scores\": \"scores\"}, {\"name\": \"again\", \"type\": \"SoftmaxWithLoss\","
                                        + " \"scores\": \"scores\"}]"));
        refused(
                run("train", "--architecture", losses.toString()),
                1,
                "bricknet: " + losses + ": the architecture has losses [loss, again]; the command line trains a graph"
                        + " of one loss, which scores 'scores'");
        Path maps = Architectures.write(
                dir,
                "maps.json",
                Architectures.graph(
                        "[1, 28, 28]",
                        "{\"name\": \"scores\", \"type\": \"Convolution\", \"settings\": {\"filters\": 10, \"kernel\":"
                                + " [28, 28]}, \"takes\": [\"x\"]}",
                        null));
        refused(
                run("train", "--architecture", maps.toString()),
                1,
                "bricknet: " + maps + ": the first output 'scores' gives (N, 10, 1, 1); the command line reads class"
                        + " scores from an output of (N, K), K classes");
    }

    @Test
    void theArchitectureFileIsNeverOverwrittenAndPicturesAreCheckedFirst() throws Exception {
        Path file = Architectures.write(dir, "mlp.json", Architectures.mlp("\"epochs\": 1"));
        refused(
                run("train", "--architecture", file.toString(), "--save", file.toString()),
                1,
                "bricknet: --save " + file + ": is the architecture file of --architecture, which this run reads;"
                        + " choose another file");
        Path picture = dir.resolve("w.png");
        CommandLineTest.Run drawn =
                run("train", "--architecture", file.toString(), "--plot-weights", picture.toString());
        assertEquals(0, drawn.code(), drawn.err());
        assertEquals('P', Files.readAllBytes(picture)[1]);
        Path bnFirst = Architectures.write(dir, "bn.json", Architectures.graph("[784]", """
                            {"name": "bn", "type": "BatchNormalization", "takes": ["x"]},
                            {"name": "scores", "type": "Affine", "settings": {"out": 10}, "takes": ["bn"]}
                        """, null));
        refused(
                run("train", "--architecture", bnFirst.toString(), "--plot-weights", picture.toString()),
                1,
                "bricknet: --plot-weights draws a first layer's weights as images (a convolution's filters, or an"
                        + " Affine's on a square of inputs); the first parameter of " + bnFirst + " (784 → 10) is"
                        + " 'bn.gamma' (784)");
    }

    @Test
    void lbfgsTrainsAGraphWithoutRandomnessAndRefusesDropout() throws Exception {
        Path smooth = Architectures.write(dir, "smooth.json", Architectures.smooth(null));
        CommandLineTest.Run r =
                run("train", "--architecture", smooth.toString(), "--optimizer", "lbfgs", "--epochs", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("full batch, L-BFGS of at most 4 iterations")
                && r.out().contains("L-BFGS: "));
        Path mlp = Architectures.write(dir, "mlp.json", Architectures.mlp(null));
        refused(
                run("train", "--architecture", mlp.toString(), "--optimizer", "lbfgs"),
                1,
                "bricknet: --optimizer lbfgs needs a deterministic loss; " + mlp + " (784 → 10) draws random numbers"
                        + " (Dropout) in training");
        refused(
                run("train", "--architecture", smooth.toString(), "--optimizer", "lbfgs", "--lr", "0.1"),
                2,
                "bricknet: --lr does not apply to --optimizer lbfgs, which trains on the full batch (no --batch-size,"
                        + " --lr, --checkpoint, --resume, --plot, --history, --plot-gradients, --schedule,"
                        + " --early-stopping, --clip, --validation)");
    }

    @Test
    void aModelFileWhoseArchitectureDoesNotFitItsTensorsIsRefusedNamingTheTensor() throws Exception {
        Path file = Architectures.write(dir, "smooth.json", Architectures.smooth("\"epochs\": 1"));
        Path model = dir.resolve("m.safetensors");
        assertEquals(
                0,
                run("train", "--architecture", file.toString(), "--save", model.toString())
                        .code());
        SafeTensors.Contents c = SafeTensors.load(model);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put("architecture", meta.get("architecture").replace("\"out\": 8", "\"out\": 7"));
        Path altered = dir.resolve("altered.safetensors");
        SafeTensors.save(altered, new LinkedHashMap<String, Tensor>(c.tensors()), meta);
        for (String command : new String[] {"evaluate", "predict", "graph"}) {
            CommandLineTest.Run r = "graph".equals(command)
                    ? run(command, altered.toString())
                    : run(command, "--model", altered.toString());
            refused(
                    r,
                    1,
                    "bricknet: " + altered + ": tensor 'fc1.W' is (784, 8) but the architecture makes it (784, 7)");
        }
    }
}

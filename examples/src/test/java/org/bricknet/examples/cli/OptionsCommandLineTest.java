package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options: one table says which model takes which option, and an option a model does not take is
 * refused naming the model (before, it was ignored and then written into the model's metadata);
 * every numeric option has bounds; and no message shows a Java exception's text, an enum constant
 * or an internal field name.
 */
class OptionsCommandLineTest {
    @TempDir
    Path dir;

    /** Words that belong to the code, not to the user. */
    private static final List<String> INTERNAL = List.of(
            "Exception",
            "For input string",
            "java.",
            "kinkFactor",
            "TWO_LAYER",
            "NIELSEN",
            "out of bounds for length",
            "null",
            "Trainer:",
            "Dataset:",
            "MiniBatches",
            "WeightInit:",
            "Tolerance:",
            "internal error",
            "is not an int",
            "is not a double",
            "is not a long",
            "Optimizers:",
            "\tat ");

    private static CommandLineTest.Run refused(String expected, String... args) {
        CommandLineTest.Run r = run(args);
        assertTrue(r.code() != 0, String.join(" ", args) + ": exit " + r.code() + "\n" + r.out());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(
                first.startsWith("bricknet: ") && first.contains(expected), String.join(" ", args) + ":\n" + r.err());
        for (String word : INTERNAL) {
            assertFalse(r.err().contains(word), String.join(" ", args) + " shows '" + word + "':\n" + r.err());
        }
        assertFalse(r.out().contains("Epoch"), "refused after training:\n" + r.out());
        return r;
    }

    @Test
    void optionsAModelDoesNotTakeAreRefusedNamingTheModel() {
        Map<String, String> takes = Map.of(
                "two-layer", "--hidden, --loss",
                "nielsen", "--hidden",
                "cnn", "--hidden, --loss",
                "nielsen2", "--hidden, --loss, --lambda",
                "logistic", "--hidden, --lambda");
        for (String model : takes.keySet()) {
            for (String[] option : new String[][] {
                {"--dropout", "0.5"},
                {"--activation", "tanh"},
                {"--batch-norm"},
                {"--init", "xavier"},
                {"--weight-decay", "0.01"}
            }) {
                String[] args = java.util.stream.Stream.concat(
                                java.util.stream.Stream.of("train", "--model", model), java.util.Arrays.stream(option))
                        .toArray(String[]::new);
                CommandLineTest.Run r = refused(
                        option[0] + " does not apply to --model " + model + "; " + model + " takes " + takes.get(model)
                                + " (" + option[0] + " is for mlp)",
                        args);
                assertEquals(2, r.code(), "a usage error");
            }
        }
        refused(
                "--lambda does not apply to --model mlp; mlp takes --hidden, --activation, --init, --dropout,"
                        + " --batch-norm, --weight-decay, --loss (--lambda is for nielsen2, logistic)",
                "train",
                "--model",
                "mlp",
                "--lambda",
                "5");
        refused(
                "--loss does not apply to --model logistic; logistic takes --hidden, --lambda (--loss is for"
                        + " two-layer, mlp, cnn, nielsen2)",
                "train",
                "--model",
                "logistic",
                "--loss",
                "mse");
        refused(
                "--loss: --model nielsen2 ends in the loss sigmoid or mse, not 'softmax'",
                "train",
                "--model",
                "nielsen2",
                "--loss",
                "softmax",
                "--epochs",
                "1");
        refused("--loss: expected one of softmax, sigmoid, mse, got 'hinge'", "train", "--loss", "hinge");
        refused(
                "--lambda must be a finite number >= 0 and <= 1000000, got -1.0",
                "train",
                "--model",
                "nielsen2",
                "--lambda",
                "-1");
        refused(
                "--hidden: --model logistic has one hidden layer; give one size, got 2",
                "train",
                "--model",
                "logistic",
                "--hidden",
                "25,25");
        refused("--hidden: --model two-layer has one hidden layer; give one size, got 2", "train", "--hidden", "10,10");
        refused(
                "--batch-size does not apply to --optimizer lbfgs, which trains on the full batch",
                "train",
                "--optimizer",
                "lbfgs",
                "--batch-size",
                "50");
        refused("--lr does not apply to --optimizer lbfgs", "train", "--optimizer", "lbfgs", "--lr", "0.5");
        refused("--directions applies to --mode direction only", "gradcheck", "--directions", "3");
        refused(
                "--subset-size applies to --mode subset only",
                "gradcheck",
                "--mode",
                "direction",
                "--subset-size",
                "3");
    }

    @Test
    void sizesAndNumbersHaveAFormAndBounds() {
        for (String bad : new String[] {",", "", "10,", "a", "0", "100000", "-5", "1e3", "10,,10"}) {
            refused(
                    "--hidden: expected up to 64 sizes such as 100 or 100,100, each from 1 to 65536, got '" + bad + "'",
                    "train",
                    "--model",
                    "mlp",
                    "--hidden",
                    bad);
        }
        refused("--epochs must be in [1, 1000000], got 0", "train", "--epochs", "0");
        refused("Invalid value for option '--epochs': expected a whole number, got 'ten'", "train", "--epochs", "ten");
        refused("Invalid value for option '--lr': expected a number, got 'fast'", "train", "--lr", "fast");
        refused(
                "Invalid value for option '--seed': '99999999999999999999' is out of range",
                "train",
                "--seed",
                "99999999999999999999");
        refused(
                "--optimizer: expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw or lbfgs, got"
                        + " 'adamax'",
                "train",
                "--optimizer",
                "adamax");
        refused("--activation: unknown activation 'swish'", "train", "--model", "mlp", "--activation", "swish");
        refused("--index must be at least 0, got -3", "predict", "--model", "none.safetensors", "--index", "-3");
        refused(
                "--dropout must be a finite number >= 0 and <= 0.999, got 1.0",
                "train",
                "--model",
                "mlp",
                "--dropout",
                "1");
        refused("--weight-decay must be a finite number >= 0", "train", "--model", "mlp", "--weight-decay", "Infinity");
        refused(
                "init must be he, xavier or a standard deviation > 0 such as 0.01, got 'glorious'",
                "train",
                "--model",
                "mlp",
                "--init",
                "glorious");
        refused("--lr must be a finite number > 0, got Infinity", "train", "--lr", "Infinity");
        refused(
                "--directions must be in [1, 1000], got 2000000000",
                "gradcheck",
                "--mode",
                "direction",
                "--directions",
                "2000000000");
        refused("--rtol must be a finite number > 0 and <= 0.1, got Infinity", "gradcheck", "--rtol", "Infinity");
        refused("--rtol must be a finite number > 0 and <= 0.1, got -1.0", "gradcheck", "--rtol", "-1");
        refused("--atol must be a finite number >= 0 and <= 0.1, got NaN", "gradcheck", "--atol", "NaN");
        refused("--batch must be in [1, 2000], got 0", "gradcheck", "--batch", "0");
        refused(
                "unknown workload 'resnet'; expected one of two-layer, wide, nielsen, cnn",
                "bench",
                "--workload",
                "resnet");
        refused("--epochs must be in [1, 1000], got 5000", "bench", "--epochs", "5000");
    }

    @Test
    void aBatchLargerThanTheDataIsCutWithANote() {
        CommandLineTest.Run r = run("train", "--epochs", "1", "--hidden", "5", "--batch-size", "100000");
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out()
                        .contains("note: --batch-size 100000 is more than the 8000 training examples; each batch is all"
                                + " of them"),
                r.out());
        assertTrue(r.out().contains("1 epochs, batch 8000, "), r.out());
    }

    /** A model file with the metadata of {@code spec}, changed as {@code edit} says, and tensors that fit. */
    private Path modelFile(String name, ModelSpec spec, Map<String, String> edit) throws Exception {
        Map<String, String> meta = new LinkedHashMap<>(spec.metadata());
        meta.putAll(edit);
        Path f = dir.resolve(name);
        SafeTensors.save(f, spec.build(new Random(1)).state(), meta);
        return f;
    }

    @Test
    void aModelFileMustBeOfThisFormatAndFitTheData() throws Exception {
        ModelSpec two = ModelSpec.of(ModelSpec.Kind.TWO_LAYER, new int[] {1, 28, 28}, new int[] {5}, 10);
        Path future = modelFile("future.safetensors", two, Map.of("format", "bricknet-model-999"));
        refused(
                "__metadata__ 'format' is 'bricknet-model-999'; this bricknet reads bricknet-model-1",
                "evaluate",
                "--model",
                future.toString());
        Path noHidden = modelFile("hidden.safetensors", two, Map.of("hidden", ""));
        refused(
                "__metadata__ does not describe a bricknet model: 'hidden' is ''; expected whole numbers such as"
                        + " 100,100",
                "evaluate",
                "--model",
                noHidden.toString());
        ModelSpec five = ModelSpec.of(ModelSpec.Kind.TWO_LAYER, new int[] {1, 28, 28}, new int[] {5}, 5);
        Path fiveClasses = modelFile("five.safetensors", five, Map.of());
        for (String cmd : new String[] {"evaluate", "predict"}) {
            refused(
                    "does not fit the test data of embedded mnist-10k: the model tells 5 classes apart, the data has 10",
                    cmd,
                    "--model",
                    fiveClasses.toString());
        }
        // a 1 MB file whose model tells 65,536 classes apart: refused before its confusion matrix is built
        ModelSpec many = ModelSpec.of(ModelSpec.Kind.TWO_LAYER, new int[] {1, 28, 28}, new int[] {1}, 65536);
        Path wide = modelFile("many.safetensors", many, Map.of());
        assertTrue(Files.size(wide) < 2 << 20);
        refused("the model tells 65536 classes apart, the data has 10", "evaluate", "--model", wide.toString());
    }
}

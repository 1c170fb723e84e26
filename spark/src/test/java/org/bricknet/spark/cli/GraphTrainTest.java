package org.bricknet.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.optim.training.Trainer;
import org.bricknet.spark.EmbeddedDigits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --architecture FILE.json} as a user runs it, on the tests' shared session: the
 * accuracy one machine reaches with the same settings (the computation {@code bricknet.jar train
 * --architecture} does), a model file {@code ModelFiles.loadGraph} reads and scores the same, a
 * checkpoint that resumes to the uninterrupted run, and what is refused before Spark starts.
 */
@Tag("slow")
class GraphTrainTest {
    @TempDir
    static Path dir;

    private static Path data;
    private static Path file;
    private static String text;
    private static Dataset train;
    private static Dataset test;

    /** 600 training and 200 test digits as IDX files; {@code residual-branches.json} beside them. */
    @BeforeAll
    static void write() throws IOException {
        train = EmbeddedDigits.load().train().slice(0, 600);
        test = EmbeddedDigits.load().test().slice(0, 200);
        data = Files.createDirectory(dir.resolve("digits"));
        TrainCommandTest.writeIdx(data, "train", train);
        TrainCommandTest.writeIdx(data, "t10k", test);
        try (InputStream in = GraphTrainTest.class.getResourceAsStream("/org/bricknet/spark/residual-branches.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        file = Files.writeString(dir.resolve("residual-branches.json"), text);
    }

    @Test
    void lbfgsReachesTheSingleMachinesAccuracyAndSavesAModelFileOfTheGraph() throws Exception {
        Path model = dir.resolve("lbfgs.safetensors");
        TrainCommandTest.Run r = TrainCommandTest.run(
                "train",
                "--architecture",
                file.toString(),
                "--data",
                data.toString(),
                "--master",
                "local[2]",
                "--optimizer",
                "lbfgs",
                "--epochs",
                "20",
                "--save",
                model.toString());
        assertEquals(0, r.code(), r.err());
        Network one = new Network(Architecture.read(file).build(new Random(42)));
        NetworkFunction fn = new NetworkFunction(one, train.inputs(), train.targets());
        OptimizeResult res = new Lbfgs().maxIterations(20).minimize(fn, fn.parameters());
        fn.setParameters(res.x());
        int correct = one.countCorrect(test.inputs(), test.targets());
        List<String> printed = r.out().lines().toList();
        assertTrue(
                printed.contains("training residual-branches.json (784 → 10) on " + data
                        + ": 600 training and 200 test examples, full batch, L-BFGS of at most 20 iterations, seed 42"),
                r.out());
        String accuracy = String.format("final test accuracy: %.2f%% (%d / 200)", correct / 2.0, correct);
        System.out.println("graph, L-BFGS 20: one machine " + accuracy + "; Spark " + printed.get(printed.size() - 2));
        assertTrue(correct > 100, "20 iterations should train: " + correct + " / 200");
        assertEquals(accuracy, printed.get(printed.size() - 2), r.out());
        assertEquals("saved model to " + model, printed.get(printed.size() - 1));

        SafeTensors.Contents saved = ModelFiles.read(model);
        assertTrue(ModelFiles.holdsGraph(saved.metadata()), saved.metadata().toString());
        assertEquals("residual-branches.json", saved.metadata().get(GraphTrain.NAME));
        Network loaded = ModelFiles.loadGraph(model);
        assertEquals(correct, loaded.countCorrect(test.inputs(), test.targets()));
    }

    @Test
    void miniBatchesEndWhereTheSingleMachineDoesAndACheckpointResumesToIt() throws Exception {
        Path straight = dir.resolve("straight.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");
        String ck = dir.resolve("ck").toString();
        String[] common = {"train", "--data", data.toString(), "--partitions", "2"};
        String[] arch = concat(common, "--architecture", file.toString());
        TrainCommandTest.Run r = TrainCommandTest.run(concat(arch, "--epochs", "2", "--save", straight.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(", 2 epochs, batch 50, adam lr 0.002, seed 42\n"), r.out());
        Network one = new Network(Architecture.read(file).build(new Random(42)));
        double acc = new Trainer(one, Optimizers.create("adam", 0.002))
                .epochs(2)
                .batchSize(50)
                .seed(42)
                .evaluateOn(test)
                .quiet()
                .fit(train)
                .last()
                .testAccuracy();
        long correct = Math.round(acc * 200);
        assertTrue(
                r.out().contains(String.format("final test accuracy: %.2f%% (%d / 200)", 100 * acc, correct)), r.out());

        assertEquals(
                0,
                TrainCommandTest.run(concat(arch, "--epochs", "1", "--checkpoint", ck))
                        .code());
        assertRefused(
                2,
                "bricknet: --hidden: the model comes from the checkpoint in " + ck + "; leave it out when resuming",
                concat(common, "--resume", ck, "--hidden", "10"));
        r = TrainCommandTest.run(concat(common, "--resume", ck, "--epochs", "2", "--save", resumed.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming after epoch 1 of 2 from " + ck), r.out());
        SafeTensors.Contents a = ModelFiles.read(straight);
        SafeTensors.Contents b = ModelFiles.read(resumed);
        assertEquals(a.tensors().keySet(), b.tensors().keySet());
        for (String k : a.tensors().keySet()) {
            assertArrayEquals(a.tensors().get(k).data(), b.tensors().get(k).data(), k);
        }
    }

    @Test
    void whatCannotTrainIsRefusedBeforeSparkStarts() throws Exception {
        String d = data.toString();
        Path save = dir.resolve("never.safetensors");
        assertRefused(
                2,
                "bricknet: --hidden does not apply to --architecture, whose file says the model (--model, --hidden,"
                        + " --activation, --init, --dropout, --batch-norm are for the built-in models)",
                "train",
                "--architecture",
                file.toString(),
                "--data",
                d,
                "--hidden",
                "10",
                "--save",
                save.toString());
        Path dropout = variant(
                "dropout.json",
                "\"type\": \"Relu\", \"takes\": [\"fc1\"]",
                "\"type\": \"Dropout\", \"takes\": [\"fc1\"]");
        assertRefused(
                1,
                "bricknet: " + dropout + " cannot train on Spark: layer 'res1/relu' draws random numbers (dropout), so"
                        + " each partition would draw its own; train it on one machine",
                "train",
                "--architecture",
                dropout.toString(),
                "--data",
                d,
                "--save",
                save.toString());
        Path batchNorm = variant(
                "bn.json",
                "\"type\": \"Relu\", \"takes\": [\"right\"]",
                "\"type\": \"BatchNormalization\", \"takes\": [\"right\"]");
        assertRefused(
                1,
                "bricknet: " + batchNorm + " cannot train on Spark: layer 'relu' normalises by statistics of the whole"
                        + " batch (batch normalization), which do not split across partitions; train it on one machine",
                "train",
                "--architecture",
                batchNorm.toString(),
                "--data",
                d,
                "--save",
                save.toString());
        Path narrow = variant("narrow.json", "\"shape\": [784]", "\"shape\": [100]");
        assertRefused(
                1,
                "bricknet: narrow.json (100 → 10): its input 'x' takes (N, 100), the data (" + d
                        + ") has examples of 784 values, (N, 784)",
                "train",
                "--architecture",
                narrow.toString(),
                "--data",
                d,
                "--save",
                save.toString());
        Path scheduled = variant(
                "scheduled.json", "\"learning_rate\": 0.002", "\"learning_rate\": 0.002, \"schedule\": \"step:1:0.5\"");
        assertRefused(
                1,
                "bricknet: " + scheduled + ": training, field 'schedule' (step:1:0.5): bricknet-spark trains at one"
                        + " learning rate; remove the schedule, or train this model with bricknet.jar",
                "train",
                "--architecture",
                scheduled.toString(),
                "--data",
                d,
                "--save",
                save.toString());
        Path twoInputs = Files.writeString(
                dir.resolve("two.json"),
                text.replace(
                                "{\"name\": \"x\", \"shape\": [784]}",
                                "{\"name\": \"x\", \"shape\": [784]}, {\"name\": \"y\", \"shape\": [3]}")
                        .replace("[\"tanh\", \"relu\"]", "[\"tanh\", \"relu\", \"y\"]"));
        assertRefused(
                1,
                "bricknet: " + twoInputs + ": the architecture has inputs [x, y]; bricknet-spark feeds a graph one"
                        + " input, the examples",
                "train",
                "--architecture",
                twoInputs.toString(),
                "--data",
                d,
                "--save",
                save.toString());
        assertFalse(Files.exists(save));
    }

    private static Path variant(String name, String from, String to) throws IOException {
        assertTrue(text.contains(from), from);
        return Files.writeString(dir.resolve(name), text.replace(from, to));
    }

    /** Refused with {@code line} first on standard error, and no Spark session asked for. */
    private static void assertRefused(int code, String line, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int c = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                master -> {
                    throw new IllegalStateException("Spark was started");
                });
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(line, e.lines().findFirst().orElse(""), e);
        assertEquals(code, c, e);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

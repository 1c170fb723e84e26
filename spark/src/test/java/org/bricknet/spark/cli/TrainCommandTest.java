package org.bricknet.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.optim.training.EpochStats;
import org.bricknet.optim.training.Trainer;
import org.bricknet.spark.EmbeddedDigits;
import org.bricknet.spark.SharedSparkAccess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} as a user runs it, on the tests' shared session: the lines {@code bricknet.jar}
 * prints, with the numbers one machine gets; and bad input as one line, a non-zero exit, and no
 * file written.
 */
@Tag("slow")
class TrainCommandTest {
    @TempDir
    static Path data;

    private static Dataset train;
    private static Dataset test;

    /** 600 training and 200 test digits as an IDX directory. */
    @BeforeAll
    static void writeDigits() throws IOException {
        train = EmbeddedDigits.load().train().slice(0, 600);
        test = EmbeddedDigits.load().test().slice(0, 200);
        writeIdx(data, "train", train);
        writeIdx(data, "t10k", test);
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SparkSession session = SharedSparkAccess.session();
        int code = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                master -> session);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void miniBatchesPrintTheSingleMachinesEpochLines(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.safetensors");
        Run r = run(
                "train", "--data", data.toString(), "--epochs", "2", "--partitions", "3", "--save", model.toString());
        assertEquals(0, r.code(), r.err());
        ModelForm form = new ModelForm("two-layer", new int[] {784}, new int[] {50}, 10, "relu", "he", 0, false, 0);
        Network one = form.build(new Random(42));
        EpochStats last = new Trainer(one, Optimizers.create("sgd", 0.1))
                .epochs(2)
                .batchSize(100)
                .seed(42)
                .evaluateOn(test)
                .quiet()
                .fit(train)
                .last();
        String expected = last.line((int) Math.round(last.testAccuracy() * 200), 200);
        List<String> printed = r.out().lines().toList();
        assertTrue(printed.get(0).startsWith("matrix products: "), r.out());
        assertTrue(
                printed.contains("training two-layer 784,50,10 on " + data
                        + ": 600 training and 200 test examples, 2 epochs, batch 100, sgd lr 0.1, seed 42"),
                r.out());
        String epoch2 = printed.stream()
                .filter(l -> l.startsWith("Epoch 2: "))
                .findFirst()
                .orElseThrow();
        assertEquals(withoutSeconds(expected), withoutSeconds(epoch2));
        assertTrue(printed.get(printed.size() - 2).startsWith("final test accuracy: "), r.out());
        assertEquals("saved model to " + model, printed.get(printed.size() - 1));
        SafeTensors.Contents saved = ModelFiles.read(model);
        assertEquals(form.metadata(), saved.metadata());
        assertEquals(one.state().keySet(), saved.tensors().keySet());
        for (String k : one.state().keySet()) {
            double[] a = one.state().get(k).data();
            double[] b = saved.tensors().get(k).data();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-12, k + "[" + i + "]");
            }
        }
    }

    @Test
    void lbfgsPrintsWhatOneMachinePrintsAndReachesItsAccuracy() {
        Run r = run("train", "--data", data.toString(), "--optimizer", "lbfgs", "--epochs", "15", "--partitions", "2");
        assertEquals(0, r.code(), r.err());
        ModelForm form = new ModelForm("two-layer", new int[] {784}, new int[] {50}, 10, "relu", "he", 0, false, 0);
        Network one = form.build(new Random(42));
        NetworkFunction fn = new NetworkFunction(one, train.inputs(), train.targets());
        OptimizeResult res = new Lbfgs().maxIterations(15).minimize(fn, fn.parameters());
        fn.setParameters(res.x());
        int correct = one.countCorrect(test.inputs(), test.targets());
        assertTrue(r.out().contains("L-BFGS: " + res.message() + "\n"), r.out());
        assertTrue(
                r.out()
                        .contains(String.format(
                                "iterations %d, function and gradient evaluations %d, loss %.6f,",
                                res.nit(), res.nfev(), res.fun())),
                r.out());
        assertTrue(
                r.out().contains(String.format("final test accuracy: %.2f%% (%d / 200)", correct / 2.0, correct)),
                r.out());
    }

    @Test
    void aCheckpointResumesToTheUninterruptedModel(@TempDir Path dir) throws Exception {
        String d = data.toString();
        Path straight = dir.resolve("straight.safetensors");
        Path resumed = dir.resolve("resumed.safetensors");
        String ck = dir.resolve("ck").toString();
        String[] common = {"train", "--data", d, "--partitions", "2", "--optimizer", "adam", "--lr", "0.002"};
        assertEquals(
                0,
                run(concat(common, "--epochs", "2", "--save", straight.toString()))
                        .code());
        assertEquals(0, run(concat(common, "--epochs", "1", "--checkpoint", ck)).code());
        assertRefused(
                2,
                "bricknet: --model: the model comes from the checkpoint in " + ck
                        + " (two-layer 784,50,10); leave it out when resuming",
                "train",
                "--data",
                d,
                "--resume",
                ck,
                "--model",
                "mlp");
        Run r = run(
                "train",
                "--data",
                d,
                "--partitions",
                "2",
                "--resume",
                ck,
                "--epochs",
                "2",
                "--save",
                resumed.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming after epoch 1 of 2 from " + ck), r.out());
        SafeTensors.Contents a = ModelFiles.read(straight);
        SafeTensors.Contents b = ModelFiles.read(resumed);
        for (String k : a.tensors().keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    a.tensors().get(k).data(), b.tensors().get(k).data(), k);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void benchTimesOneMachineAndSparkOnTheSameRun() {
        Run r = run("bench", "--data", data.toString(), "--iterations", "2", "--warmup", "1", "--partitions", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("two-layer 784,50,10 on " + data + ": 600 examples, 2 L-BFGS iterations", lines.get(1));
        String one = lines.get(2);
        String spark = lines.get(3);
        assertTrue(one.startsWith("one machine: ") && one.contains(" s per iteration"), one);
        assertTrue(spark.startsWith("Spark local[2], 2 partitions: "), spark);
        // the same run both ways: the same final loss
        assertEquals(one.substring(one.indexOf("loss ")), spark.substring(spark.indexOf("loss ")));
        assertTrue(lines.get(4).startsWith("Spark / one machine: "), lines.get(4));
    }

    @Test
    void badInputIsOneLineAndWritesNothing(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("never.safetensors");
        String save = model.toString();
        String d = data.toString();
        assertRefused(
                2,
                "bricknet: --partitions must be at least 1, got 0",
                "train",
                "--data",
                d,
                "--partitions",
                "0",
                "--save",
                save);
        assertRefused(
                2,
                "bricknet: --partitions 601 is more than the 600 training examples; each partition needs one at least",
                "train",
                "--data",
                d,
                "--partitions",
                "601",
                "--save",
                save);
        assertRefused(
                2,
                "bricknet: --dropout cannot train on Spark: each partition would draw its own masks; train this model with bricknet.jar",
                "train",
                "--model",
                "mlp",
                "--dropout",
                "0.5",
                "--save",
                save);
        assertRefused(
                2,
                "bricknet: --plot and --plot-weights are drawn by bricknet.jar only; save the model with --save",
                "train",
                "--plot",
                dir.resolve("p.png").toString());
        assertRefused(
                2,
                "bricknet: --master nonsense: expected local, local[N], local[*], spark://HOST:PORT, yarn,"
                        + " k8s://URL or mesos://URL",
                realSessions(),
                "train",
                "--data",
                d,
                "--master",
                "nonsense");
        assertRefused(
                1,
                "bricknet: cannot reach the Spark master at 127.0.0.1:1 (--master spark://127.0.0.1:1): Connection refused",
                realSessions(),
                "train",
                "--data",
                d,
                "--master",
                "spark://127.0.0.1:1",
                "--save",
                save);

        StructType schema = new StructType(new StructField[] {
            new StructField("label", DataTypes.IntegerType, false, Metadata.empty()),
            new StructField("features", new VectorUDT(), false, Metadata.empty())
        });
        SparkSession session = SharedSparkAccess.session();
        Path trainFile = dir.resolve("train.parquet");
        session.createDataFrame(
                        List.of(
                                RowFactory.create(1, Vectors.dense(0, 1, 0, 1)),
                                RowFactory.create(0, Vectors.dense(1, 0, 1, 0))),
                        schema)
                .write()
                .parquet(trainFile.toString());
        Path badLabel = dir.resolve("label.parquet");
        session.createDataFrame(List.<Row>of(RowFactory.create(2, Vectors.dense(0, 1, 0, 1))), schema)
                .write()
                .parquet(badLabel.toString());
        Path badWidth = dir.resolve("width.parquet");
        session.createDataFrame(List.<Row>of(RowFactory.create(1, Vectors.dense(0, 1, 0))), schema)
                .write()
                .parquet(badWidth.toString());
        assertRefused(
                1,
                "bricknet: " + badLabel + ": row 0 of partition 0: label 2 is not a class index in [0, 2)",
                "train",
                "--train",
                trainFile.toString(),
                "--test",
                badLabel.toString(),
                "--save",
                save);
        assertRefused(
                1,
                "bricknet: " + badWidth + ": examples have 3 values; the training set's have 4",
                "train",
                "--train",
                trainFile.toString(),
                "--test",
                badWidth.toString(),
                "--save",
                save);
        assertFalse(Files.exists(model));
        Run ok = run(
                "train",
                "--train",
                trainFile.toString(),
                "--model",
                "mlp",
                "--hidden",
                "3",
                "--epochs",
                "2",
                "--batch-size",
                "1");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(
                ok.out().contains("training mlp 4,3,2 on " + trainFile + ": 2 training and 0 test examples"), ok.out());
    }

    private static Sessions realSessions() {
        return Sessions.START;
    }

    private static void assertRefused(int code, String line, String... args) {
        assertRefused(code, line, null, args);
    }

    private static void assertRefused(int code, String line, Sessions sessions, String... args) {
        Run r = sessions == null ? run(args) : runWith(sessions, args);
        assertEquals(code, r.code(), r.out() + r.err());
        assertEquals(line, r.err().lines().findFirst().orElse(""), r.err());
        assertFalse(r.out().contains("Epoch"), r.out());
    }

    private static Run runWith(Sessions sessions, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                sessions);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String withoutSeconds(String line) {
        return line.replaceFirst(", [0-9.]+ s$", "");
    }

    /** Writes {@code d} as {@code prefix-images-idx3-ubyte} and {@code prefix-labels-idx1-ubyte}. */
    static void writeIdx(Path dir, String prefix, Dataset d) throws IOException {
        try (OutputStream f = Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte"));
                DataOutputStream out = new DataOutputStream(f)) {
            out.writeInt(0x0803);
            out.writeInt(d.size());
            out.writeInt(28);
            out.writeInt(28);
            for (double v : d.inputs().data()) {
                out.writeByte((int) Math.round(v * 255));
            }
        }
        try (OutputStream f = Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte"));
                DataOutputStream out = new DataOutputStream(f)) {
            out.writeInt(0x0801);
            out.writeInt(d.size());
            for (int label : d.labels()) {
                out.writeByte(label);
            }
        }
    }
}

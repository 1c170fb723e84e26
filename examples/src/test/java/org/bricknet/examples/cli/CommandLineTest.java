package org.bricknet.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bricknet.examples.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    /** Exit code, standard output (both streams System.out and picocli's) and standard error. */
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(sysOut, true));
            code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(old);
        }
        return new Run(code, sysOut + out.toString(), err.toString());
    }

    private static void assertOneLineError(Run r, String expected) {
        assertTrue(r.code() != 0, "exit code " + r.code());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
    }

    @Test
    void helpOnEveryCommand() {
        for (String cmd : new String[] {"train", "evaluate", "predict", "bench", "gradcheck", "minimize", "trace"}) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Usage: bricknet " + cmd), r.out());
        }
    }

    @Test
    void badInputIsAOneLineErrorAndANonZeroExit() {
        assertOneLineError(run("train", "--epochz", "3"), "Unknown options: '--epochz', '3'");
        assertOneLineError(run("train", "--batch-size", "-5"), "--batch-size must be at least 1, got -5");
        assertOneLineError(run("train", "--lr", "NaN"), "--lr must be a finite number > 0, got NaN");
        assertOneLineError(run("train", "--optimizer", "adamax"), "--optimizer: ");
        assertOneLineError(run("train", "--model", "resnet"), "--model: unknown model 'resnet'");
        assertOneLineError(run("train", "--data", dir.resolve("none").toString()), "none: no such file or directory");
        assertOneLineError(
                run("evaluate", "--model", dir.resolve("none.safetensors").toString()),
                "none.safetensors: no such file or directory");
        assertOneLineError(run("frobnicate"), "Unmatched argument");
    }

    @Test
    void aCorruptModelFileIsAClearError() throws Exception {
        Path f = Files.write(dir.resolve("junk.safetensors"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertOneLineError(run("evaluate", "--model", f.toString()), "junk.safetensors: header length");
    }

    @Test
    void trainSaveEvaluateAndPredictRoundTrip() throws Exception {
        Path model = dir.resolve("two.safetensors");
        Path plot = dir.resolve("curves.png");
        Run train = run(
                "train",
                "--epochs",
                "2",
                "--hidden",
                "20",
                "--seed",
                "3",
                "--save",
                model.toString(),
                "--plot",
                plot.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("Epoch 2: "), train.out());
        assertTrue(train.out().contains("final test accuracy: "), train.out());
        assertTrue(Files.size(plot) > 1000);
        byte[] png = Files.readAllBytes(plot);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));

        Run eval = run("evaluate", "--model", model.toString());
        assertEquals(0, eval.code(), eval.err());
        String last = train.out()
                .lines()
                .filter(l -> l.startsWith("final test accuracy"))
                .findFirst()
                .orElseThrow();
        String correct = last.substring(last.indexOf('(') + 1, last.indexOf(" /"));
        assertTrue(eval.out().contains("accuracy: " + correct + " / 2000"), eval.out() + "\nvs " + last);
        assertTrue(eval.out().contains("confusion matrix"), eval.out());

        Run predict = run("predict", "--model", model.toString(), "--index", "5");
        assertEquals(0, predict.code(), predict.err());
        int label = Datasets.mnist10k().test().labels()[5];
        assertTrue(predict.out().contains("test image 5, label " + label), predict.out());
        assertOneLineError(
                run("predict", "--model", model.toString(), "--index", "2000"), "--index must be in [0, 2000)");
    }

    @Test
    void lbfgsTrainsASmallModelOnTheFullBatch() throws Exception {
        Path model = dir.resolve("lbfgs.safetensors");
        Run r = run("train", "--optimizer", "lbfgs", "--hidden", "10", "--epochs", "30", "--save", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("L-BFGS: "), r.out());
        String last = r.out()
                .lines()
                .filter(l -> l.startsWith("final test accuracy"))
                .findFirst()
                .orElseThrow();
        double acc = Double.parseDouble(last.substring("final test accuracy: ".length(), last.indexOf('%')));
        // 30 full-batch iterations of a 784-10-10 network: far above the 10 % of guessing
        assertTrue(acc > 70, r.out());
        assertEquals(0, run("evaluate", "--model", model.toString()).code());
        assertOneLineError(run("train", "--optimizer", "lbfgs", "--model", "cnn"), "not cnn");
        assertOneLineError(
                run("train", "--optimizer", "lbfgs", "--model", "mlp", "--dropout", "0.2"), "drop --dropout");
        assertOneLineError(
                run(
                        "train",
                        "--optimizer",
                        "lbfgs",
                        "--plot",
                        dir.resolve("p.png").toString()),
                "--plot does not apply to --optimizer lbfgs, which trains on the full batch");
    }

    @Test
    void benchTimesAWorkloadAndCountsItsProducts() {
        Run r = run("bench", "--workload", "nielsen", "--epochs", "1", "--warmup-seconds", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("warm-up: 1 epochs"), r.out());
        assertTrue(r.out().contains("workload nielsen: NielsenNetwork 784-30-10"), r.out());
        assertTrue(r.out().contains("s per epoch") && r.out().contains("GFLOP per epoch"), r.out());
        for (String work : new String[] {"products", "gather", "optimizer", "finite check", "other"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches("  " + work + " +[0-9.]+ s +[0-9]+%")), work + r.out());
        }
        assertOneLineError(
                run("bench", "--workload", "resnet"),
                "unknown workload 'resnet'; expected one of two-layer, wide, nielsen, cnn");
        assertOneLineError(run("bench", "--epochs", "0"), "--epochs must be in [1, 1000], got 0");
        assertOneLineError(
                run("bench", "--warmup-seconds", "-1"), "--warmup-seconds must be between 0 and 3600, got -1.0");
    }

    @Test
    void minimizeIsACommandToo() {
        Run r = run("minimize", "--function", "rosenbrock", "--dim", "2", "--method", "lbfgs");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("L-BFGS: Optimization terminated successfully"), r.out());
        assertOneLineError(
                run("minimize", "--method", "newton"), "expected one of nelder-mead, powell, cg, bfgs, lbfgs, gd");
    }

    @Test
    void theSameSeedTrainsTheSameModel() throws Exception {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        assertEquals(
                0,
                run("train", "--epochs", "1", "--hidden", "10", "--save", a.toString())
                        .code());
        assertEquals(
                0,
                run("train", "--epochs", "1", "--hidden", "10", "--save", b.toString())
                        .code());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}

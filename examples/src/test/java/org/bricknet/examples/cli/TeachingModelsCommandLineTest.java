package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.examples.Datasets;
import org.bricknet.examples.Downscale;
import org.bricknet.examples.LogisticDigitsNetwork;
import org.bricknet.examples.NielsenNetwork2;
import org.bricknet.losses.MeanSquaredError;
import org.bricknet.losses.SigmoidWithLoss;
import org.bricknet.losses.SoftmaxWithLoss;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --loss}, {@code --model nielsen2} and {@code --model logistic} (the 400-25-10 network
 * on digits scaled to 20×20), and the teaching pictures: each model is the example class it names,
 * its loss and weight decay are kept in the model file, and the pictures are drawn from the run.
 */
class TeachingModelsCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void theLossIsChosenKeptInTheModelFileAndReadBack() throws Exception {
        ModelSpec spec = new ModelSpec(
                ModelSpec.Kind.MLP,
                new int[] {1, 28, 28},
                new int[] {25},
                10,
                org.bricknet.examples.Activation.SIGMOID,
                "he",
                0,
                false,
                0,
                "sigmoid");
        Network net = spec.build(new Random(1));
        SigmoidWithLoss loss = assertInstanceOf(SigmoidWithLoss.class, net.lossLayer());
        assertEquals(SigmoidWithLoss.Reduction.MEAN_OVER_BATCH, loss.reduction());
        assertEquals("sigmoid", spec.metadata().get("loss"));
        assertEquals(spec.loss(), ModelSpec.fromMetadata(spec.metadata(), "m").loss());
        assertEquals("mlp 784,25,10, sigmoid loss", spec.toString());
        // a model file from before losses were recorded ends in its kind's loss
        Map<String, String> old = new LinkedHashMap<>(spec.metadata());
        old.remove("loss");
        assertEquals("softmax", ModelSpec.fromMetadata(old, "m").loss());
        old.put("model", "nielsen");
        old.put("activation", "sigmoid");
        assertEquals("mse", ModelSpec.fromMetadata(old, "m").loss());
        old.put("loss", "softmax");
        assertEquals(
                "m: __metadata__ does not describe a bricknet model: nielsen ends in the loss mse, not 'softmax'",
                org.junit.jupiter.api.Assertions.assertThrows(
                                org.bricknet.core.io.BadFileException.class, () -> ModelSpec.fromMetadata(old, "m"))
                        .getMessage());

        Path model = dir.resolve("m.safetensors");
        CommandLineTest.Run r =
                run("train", "--epochs", "1", "--hidden", "8", "--loss", "mse", "--save", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("training two-layer 784,8,10, mse loss on "), r.out());
        assertEquals("mse", SafeTensors.load(model).metadata().get("loss"));
        assertInstanceOf(
                MeanSquaredError.class, SavedModel.load(model).network().lossLayer());
        assertInstanceOf(
                SoftmaxWithLoss.class,
                ModelSpec.of(ModelSpec.Kind.CNN, new int[] {1, 28, 28}, new int[] {5}, 10)
                        .build(new Random(1))
                        .lossLayer());
    }

    @Test
    void nielsen2IsNetwork2WithTheWeightDecayLambdaOverN() throws Exception {
        Path data = IdxDirs.write(dir.resolve("data"), 400, 40, 6, 6, 1);
        Path model = dir.resolve("n2.safetensors");
        CommandLineTest.Run r = run(
                "train",
                "--data",
                data.toString(),
                "--model",
                "nielsen2",
                "--hidden",
                "7",
                "--epochs",
                "1",
                "--lambda",
                "2",
                "--validation",
                "0.2",
                "--save",
                model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out()
                        .contains(
                                "L2 regularisation: λ 2.0 over the 320 examples trained on, a weight decay of 0.00625"),
                r.out());
        assertTrue(r.out().contains("1 epochs, batch 10, sgd lr 0.5"), r.out());
        Map<String, String> meta = SafeTensors.load(model).metadata();
        assertEquals("nielsen2", meta.get("model"));
        assertEquals("sigmoid", meta.get("loss"));
        assertEquals(2.0 / 320, Double.parseDouble(meta.get("weight_decay")), 0.0);

        ModelSpec spec = (ModelSpec) SavedModel.load(model).spec();
        Network fresh = spec.build(new Random(9));
        Network his = new NielsenNetwork2(new Random(9), 36, 7, 10);
        assertEquals(his.state().keySet(), fresh.state().keySet());
        his.state()
                .forEach((k, t) ->
                        assertArrayEquals(t.data(), fresh.state().get(k).data(), 0.0, k));
        assertEquals(2.0 / 320, fresh.weightDecay(), 0.0);
        assertEquals(
                his.graph().nodes().keySet(), fresh.graph().nodes().keySet(), "no last Sigmoid: it is in the loss");
        ModelSpec quadratic = new ModelSpec(
                ModelSpec.Kind.NIELSEN2,
                new int[] {36},
                new int[] {7},
                10,
                org.bricknet.examples.Activation.SIGMOID,
                "he",
                0,
                false,
                0,
                "mse");
        assertInstanceOf(MeanSquaredError.class, quadratic.build(new Random(1)).lossLayer());
        assertTrue(quadratic.build(new Random(1)).graph().nodes().containsKey("Sigmoid2"), "his QuadraticCost");
    }

    @Test
    void logisticIsTheTutorialsNetworkOnDigitsScaledToTwentyByTwenty() throws Exception {
        Path model = dir.resolve("lo.safetensors");
        CommandLineTest.Run r = run("train", "--model", "logistic", "--epochs", "3", "--save", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("training logistic 400,25,10 on embedded mnist-10k"), r.out());
        assertTrue(r.out().contains("3 epochs, batch 8000, sgd lr 2.0"), r.out());
        assertTrue(r.out().contains("λ 1.0 over the 8000 examples trained on, a weight decay of 0.000125"), r.out());
        assertFalse(r.out().contains("note: --batch-size"), r.out());
        ModelSpec spec = (ModelSpec) SavedModel.load(model).spec();
        assertArrayEquals(new int[] {1, 20, 20}, spec.input());
        Dataset some = Datasets.mnist10kTest().slice(0, 30);
        assertArrayEquals(
                Downscale.dataset(some, 20).inputs().data(),
                spec.shape(some).inputs().data(),
                0.0);
        Network fresh = spec.build(new Random(4));
        Network tutorial = new LogisticDigitsNetwork(new Random(4));
        tutorial.state()
                .forEach((k, t) ->
                        assertArrayEquals(t.data(), fresh.state().get(k).data(), 0.0, k));
        assertEquals(1.0 / 8000, fresh.weightDecay(), 0.0);
        // read back as any model: evaluated and drawn at 20×20
        CommandLineTest.Run eval = run("evaluate", "--model", model.toString());
        assertEquals(0, eval.code(), eval.err());
        CommandLineTest.Run p = run("predict", "--model", model.toString(), "--index", "1");
        assertEquals(0, p.code(), p.err());
        assertEquals(
                20, p.out().lines().takeWhile(l -> !l.startsWith("test image")).count(), p.out());
    }

    @Test
    void gradcheckPassesOnTheTeachingModels() {
        for (String kind : new String[] {"nielsen2", "logistic"}) {
            CommandLineTest.Run r = run("gradcheck", "--model", kind, "--mode", "subset");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(
                    r.out()
                            .contains(
                                    kind.equals("logistic")
                                            ? "LogisticDigitsNetwork(400, 25, 10"
                                            : "NielsenNetwork2(784, 30, 10)"),
                    r.out());
        }
    }

    @Test
    @Tag("slow")
    void thePicturesOfARunAreDrawnAfterTheModelIsSaved() throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path act = dir.resolve("act.png");
        Path grad = dir.resolve("grad.png");
        Path weights = dir.resolve("w.png");
        CommandLineTest.Run r = run(
                "train",
                "--model",
                "mlp",
                "--hidden",
                "20,20",
                "--activation",
                "sigmoid",
                "--epochs",
                "2",
                "--save",
                model.toString(),
                "--plot-activations",
                act.toString(),
                "--plot-gradients",
                grad.toString(),
                "--plot-weights",
                weights.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.indexOf("saved model to") < out.indexOf("saved activation histograms to " + act), out);
        assertTrue(out.contains("saved gradient norms to " + grad), out);
        BufferedImage a = ImageIO.read(act.toFile());
        BufferedImage g = ImageIO.read(grad.toFile());
        BufferedImage w = ImageIO.read(weights.toFile());
        // two rows (at initialisation, after 2 epochs) of two layers; one chart of the norms; 20 tiles
        assertTrue(a.getWidth() >= 2 * 260 && a.getHeight() >= 2 * 230, a.getWidth() + "x" + a.getHeight());
        assertTrue(g.getWidth() >= 760 && g.getHeight() >= 480, g.getWidth() + "x" + g.getHeight());
        assertTrue(w.getWidth() > 5 * 58 && w.getHeight() > 58 + 4 * 58, w.getWidth() + "x" + w.getHeight());

        // a resumed run draws where it resumed from; L-BFGS draws its activations too
        Path cp = dir.resolve("cp");
        assertEquals(
                0,
                run("train", "--hidden", "5", "--epochs", "1", "--checkpoint", cp.toString())
                        .code());
        CommandLineTest.Run resumed =
                run("train", "--resume", cp.toString(), "--epochs", "2", "--plot-activations", act.toString());
        assertEquals(0, resumed.code(), resumed.err());
        CommandLineTest.Run lbfgs = run(
                "train",
                "--optimizer",
                "lbfgs",
                "--hidden",
                "5",
                "--epochs",
                "3",
                "--plot-activations",
                act.toString());
        assertEquals(0, lbfgs.code(), lbfgs.err());
        assertTrue(lbfgs.out().contains("saved activation histograms to " + act), lbfgs.out());
    }

    @Test
    void picturesThatCannotBeDrawnAreRefusedBeforeTraining() throws Exception {
        Path data = IdxDirs.write(dir.resolve("data"), 30, 10, 28, 20, 1);
        CommandLineTest.Run flat = run(
                "train",
                "--data",
                data.toString(),
                "--epochs",
                "1",
                "--hidden",
                "3",
                "--plot-weights",
                dir.resolve("w.png").toString());
        assertEquals(0, flat.code(), flat.err());
        BufferedImage w = ImageIO.read(dir.resolve("w.png").toFile());
        assertTrue(w.getHeight() > 28 * 2, "tiles of 28×20 images");
        Path model = dir.resolve("notImages.safetensors");
        ModelSpec spec = ModelSpec.of(ModelSpec.Kind.TWO_LAYER, new int[] {30}, new int[] {3}, 10);
        RunOutputs outputs = new RunOutputs();
        outputs.plotWeights = model;
        assertEquals(
                "--plot-weights draws the first layer's weights as images, but the model's 30 inputs are not known to be"
                        + " images",
                org.junit.jupiter.api.Assertions.assertThrows(CliException.class, () -> outputs.check(spec))
                        .getMessage());
        assertFalse(Files.exists(model));
    }
}

package org.bricknet.examples.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.examples.TwoLayerNet;
import org.bricknet.layers.Affine;
import org.bricknet.losses.SoftmaxWithLoss;
import org.bricknet.optim.training.GradientNorms;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures are written as PNG files of the expected layout; the numbers behind them (histogram
 * counts, tick decimals, the colour map) by hand; and what cannot be drawn is a one-line error.
 * What each picture shows on the embedded digits is described in the README's section for teachers.
 */
class PicturesTest {
    @TempDir
    Path dir;

    private static TrainingHistory history(int epochs) throws IOException {
        StringBuilder sb = new StringBuilder("[");
        for (int e = 1; e <= epochs; e++) {
            sb.append(e == 1 ? "" : ",")
                    .append("{\"epoch\":")
                    .append(e)
                    .append(",\"mean_loss\":")
                    .append(1.0 / e)
                    .append(",\"train_accuracy\":0.9,\"test_accuracy\":0.8,\"seconds\":1,\"test_loss\":")
                    .append(1.2 / e)
                    .append(",\"learning_rate\":")
                    .append(e < 3 ? 0.1 : 0.05)
                    .append('}');
        }
        return TrainingHistory.fromJson(sb.append(']').toString(), "test");
    }

    @Test
    void theHistoryIsTwoChartsAndALearningRateChartWhenTheRateChanged() throws IOException {
        Path f = dir.resolve("h.png");
        HistoryPlot.write(history(5), "five epochs", f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(1120, img.getWidth());
        assertEquals(32 + 400 + 260, img.getHeight());
        BufferedImage flat = HistoryPlot.image(history(2), "two epochs");
        assertEquals(32 + 400, flat.getHeight(), "a constant rate gets no chart of its own");
        assertEquals(
                "HistoryPlot: the history has no epoch to draw",
                assertThrows(IllegalArgumentException.class, () -> HistoryPlot.image(new TrainingHistory(), "none"))
                        .getMessage());
    }

    @Test
    void tickLabelsHaveTheDecimalsTheSpreadNeeds() {
        assertEquals("0.55", Pictures.decimalsFor(0.5, 0.6).apply(0.552814339639739));
        assertEquals("0.5528", Pictures.decimalsFor(0.5525, 0.553).apply(0.552814339639739));
        assertEquals("13", Pictures.decimalsFor(0, 100).apply(13.2));
    }

    @Test
    void theColourMapIsBlueWhiteRed() {
        assertEquals(Color.WHITE, Pictures.diverging(0));
        assertEquals(new Color(255, 0, 0), Pictures.diverging(1));
        assertEquals(new Color(0, 0, 255), Pictures.diverging(-3));
        assertEquals(new Color(128, 128, 255), Pictures.diverging(-0.5));
    }

    @Test
    void theWeightsPictureShowsEveryUnitOrSaysWhichItShows() throws IOException {
        Network net = new TwoLayerNet(784, 30, 10, new Random(1));
        Path f = dir.resolve("w.png");
        new WeightsPicture().write(net, f);
        BufferedImage all = ImageIO.read(f.toFile());
        BufferedImage few = new WeightsPicture().maxUnits(4).image(net);
        assertTrue(all.getHeight() > few.getHeight(), "30 tiles take more rows than 4");
        // a unit whose weights are all 0 is a white tile; the largest weights are full red or blue
        Tensor w = net.parameters().get("W1").value();
        for (int i = 0; i < 784; i++) {
            w.set(0.0, i, 0);
        }
        BufferedImage img = new WeightsPicture().maxUnits(1).image(net);
        assertEquals(Color.WHITE.getRGB(), img.getRGB(img.getWidth() / 2, 58 + 28));
        Network notImages = new Network()
                .add("Affine1", new Affine(10, 3, 0.1, new Random(1)))
                .withLoss(new SoftmaxWithLoss());
        assertEquals(
                "WeightsPicture: W1 takes 10 inputs, not a square image, so its rows cannot be drawn as images",
                assertThrows(IllegalArgumentException.class, () -> new WeightsPicture().image(notImages))
                        .getMessage());
        // images that are not square: each tile is height × width, one scale: 56 / 28 = 2 pixels a weight
        Network wide = new Network()
                .add("Affine1", new Affine(2 * 28 * 20, 1, 0.1, new Random(1)))
                .withLoss(new SoftmaxWithLoss());
        BufferedImage one =
                new WeightsPicture().images(2, 28, 20).tileScale(true).image(wide);
        assertEquals(58 + (28 * 2 + 2) + 2 + 10, one.getHeight(), "one tile of 28 rows of 2 pixels, its gap, margins");
        assertEquals(
                "WeightsPicture: W1 takes 1120 inputs, not images of 1×28×28",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new WeightsPicture().images(1, 28, 28).image(wide))
                        .getMessage());
    }

    @Test
    void histogramCountsCoverEveryValue() {
        Tensor t = Tensor.vector(0, 0.01, 0.5, 0.99, 1.0, -3, 7);
        double[] c = ActivationHistograms.counts(t, 0, 1);
        assertEquals(30, c.length);
        assertEquals(7.0, java.util.Arrays.stream(c).sum(), "values outside go to the end bins");
        assertEquals(3.0, c[0]);
        assertEquals(1.0, c[15]);
        assertEquals(3.0, c[29]);
        Map<String, Map<String, Tensor>> rows = new LinkedHashMap<>();
        rows.put("a", Map.of("Relu1", Tensor.vector(0, 1, 2)));
        rows.put("b", Map.of("Relu1", Tensor.vector(0, 0, 3)));
        BufferedImage img = ActivationHistograms.image(rows, "two rows");
        assertTrue(img.getHeight() > 2 * 230, "one strip per row");
        assertEquals(
                "ActivationHistograms: expected at least one row of hidden layers, got []",
                assertThrows(IllegalArgumentException.class, () -> ActivationHistograms.image(Map.of(), "none"))
                        .getMessage());
    }

    @Test
    void gradientNormsNeedWatchedEpochsAndKnownKeys() throws IOException {
        assertEquals(
                "GradientNormPlot: no epoch was watched; give the GradientNorms to Trainer.watchGradients before fit",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> GradientNormPlot.image(new GradientNorms(), List.of(), "none"))
                        .getMessage());
        GradientNorms norms = new GradientNorms();
        Network net = new TwoLayerNet(4, 3, 2, new Random(1));
        net.backprop(Tensor.uniform(new Random(2), 0, 1, 5, 4), Tensor.vector(0, 1, 1, 0, 1));
        norms.afterBackprop(1, 1, net.parameters());
        norms.afterBackprop(2, 1, net.parameters());
        assertEquals(List.of("W1", "W2"), norms.weightKeys());
        Path f = dir.resolve("g.png");
        GradientNormPlot.write(norms, "two epochs", f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertTrue(img.getWidth() >= 760, "the chart is 760 wide: " + img.getWidth());
        assertEquals(32 + 480, img.getHeight());
        assertEquals(
                "GradientNormPlot: no parameter 'b9' was watched; there are [W1, b1, W2, b2]",
                assertThrows(IllegalArgumentException.class, () -> GradientNormPlot.image(norms, List.of("b9"), "none"))
                        .getMessage());
    }
}

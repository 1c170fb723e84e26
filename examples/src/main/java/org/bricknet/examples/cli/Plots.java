package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.bricknet.core.io.AtomicFiles;
import org.bricknet.optim.TrainingHistory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Training curves as a PNG, drawn with XChart and written atomically. */
final class Plots {
    private Plots() {
    }

    /** Loss (left chart) and accuracies (right chart) per epoch, side by side in one PNG. */
    static void history(TrainingHistory h, String title, Path file) throws IOException {
        double[] epochs = IntStream.rangeClosed(1, h.size()).asDoubleStream().toArray();
        XYChart loss = new XYChartBuilder().width(560).height(400).title(title + ": loss")
                .xAxisTitle("epoch").yAxisTitle("mean training loss").build();
        loss.addSeries("training loss", epochs, h.meanLosses());
        XYChart acc = new XYChartBuilder().width(560).height(400).title(title + ": accuracy")
                .xAxisTitle("epoch").yAxisTitle("accuracy").build();
        acc.addSeries("train", epochs, h.trainAccuracies());
        if (!h.isEmpty() && h.last().hasTestAccuracy()) {
            acc.addSeries("test", epochs, h.testAccuracies());
        }
        for (XYChart c : new XYChart[] {loss, acc}) {
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            c.getStyler().setMarkerSize(4);
        }
        acc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        java.awt.image.BufferedImage image = side(loss, acc);
        AtomicFiles.write(file, out -> {
            if (!javax.imageio.ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    private static java.awt.image.BufferedImage side(XYChart a, XYChart b) {
        java.awt.image.BufferedImage ia = BitmapEncoder.getBufferedImage(a);
        java.awt.image.BufferedImage ib = BitmapEncoder.getBufferedImage(b);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(ia.getWidth() + ib.getWidth(),
                Math.max(ia.getHeight(), ib.getHeight()), java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.drawImage(ia, 0, 0, null);
        g.drawImage(ib, ia.getWidth(), 0, null);
        g.dispose();
        return img;
    }
}

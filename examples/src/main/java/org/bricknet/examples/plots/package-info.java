/**
 * Pictures for teaching, as PNG files (XChart for charts, Java2D for images, written atomically):
 * {@link org.bricknet.examples.plots.HistoryPlot} (loss and accuracy per epoch),
 * {@link org.bricknet.examples.plots.WeightsPicture} (the first layer's weights as tiles with one
 * colour scale), {@link org.bricknet.examples.plots.ActivationHistograms} (the book's chapter 6
 * histograms of each hidden layer), {@link org.bricknet.examples.plots.GradientNormPlot} (each
 * layer's gradient norm per epoch, Nielsen's chapter 5).
 */
package org.bricknet.examples.plots;

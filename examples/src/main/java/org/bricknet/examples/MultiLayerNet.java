package org.bricknet.examples;

import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.layers.Affine;
import org.bricknet.layers.BatchNormalization;
import org.bricknet.layers.Dropout;
import org.bricknet.layers.WeightInit;
import org.bricknet.losses.SoftmaxWithLoss;

/**
 * The book's {@code MultiLayerNetExtend}: for each hidden layer {@code i},
 * {@code Affine<i> → [BatchNorm<i>] → <Activation><i> → [Dropout<i>]}, then a last {@code Affine}
 * and {@code SoftmaxWithLoss}; parameters {@code W1, b1, gamma1, beta1, ...}; weight decay λ on
 * the weights. Dropout draws its masks from {@code random}, after the weights are drawn.
 */
public class MultiLayerNet extends Network {

    public MultiLayerNet(
            int inputSize,
            int[] hiddenSizes,
            int outputSize,
            Activation activation,
            WeightInit init,
            double weightDecay,
            double dropout,
            boolean batchNorm,
            Random random) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("MultiLayerNet: expected a dropout ratio in [0, 1), got " + dropout);
        }
        int in = inputSize;
        int i = 1;
        for (int h : hiddenSizes) {
            add("Affine" + i, new Affine(in, h, init, random));
            if (batchNorm) {
                add("BatchNorm" + i, new BatchNormalization(h));
            }
            add(activation.layerName() + i, activation.layer());
            if (dropout > 0) {
                add("Dropout" + i, new Dropout(dropout, random));
            }
            in = h;
            i++;
        }
        add("Affine" + i, new Affine(in, outputSize, init, random));
        withLoss(new SoftmaxWithLoss());
        withWeightDecay(weightDecay);
    }
}

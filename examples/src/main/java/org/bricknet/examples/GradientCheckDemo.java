package org.bricknet.examples;

import java.util.Map;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.data.Dataset;

/**
 * The book's {@code gradient_check.py}: a fresh {@code TwoLayerNet(784, 50, 10)}, the first three
 * embedded training digits, and for each parameter the mean absolute difference between backprop
 * and the numerical gradient, and the maximum relative error.
 */
public final class GradientCheckDemo {
    private GradientCheckDemo() {}

    public static void main(String[] args) {
        Dataset train = Datasets.mnist10k().train().slice(0, 3);
        TwoLayerNet net = new TwoLayerNet(784, 50, 10, new Random(42));
        Tensor x = train.inputs();
        Tensor t = train.targets();
        long start = System.nanoTime();
        Map<String, Tensor> numerical = net.numericalGradient(x, t);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Tensor> backprop = net.gradient(x, t);
        System.out.printf("TwoLayerNet(784, 50, 10), 3 embedded digits, numerical gradient in %.1f s%n", seconds);
        System.out.printf("%-3s %22s %22s%n", "key", "mean |backprop - num|", "max relative error");
        for (String key : backprop.keySet()) {
            double[] a = backprop.get(key).data();
            double[] n = numerical.get(key).data();
            double sum = 0;
            double maxRel = 0;
            for (int i = 0; i < a.length; i++) {
                double diff = Math.abs(a[i] - n[i]);
                sum += diff;
                double scale = Math.max(Math.abs(a[i]), Math.abs(n[i]));
                if (scale > 0) {
                    maxRel = Math.max(maxRel, diff / scale);
                }
            }
            System.out.printf("%-3s %22.3e %22.3e%n", key, sum / a.length, maxRel);
        }
        System.out.println();
        System.out.println("The same comparison by GradientCheck (relative errors counted only where the absolute");
        System.out.println("difference exceeds the central difference's noise floor atol):");
        System.out.println(GradientCheck.compare(backprop, numerical));
    }
}

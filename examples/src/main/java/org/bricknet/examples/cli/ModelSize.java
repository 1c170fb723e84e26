package org.bricknet.examples.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bricknet.core.data.Memory;
import org.bricknet.examples.SimpleConvNet;

/**
 * What a network of a {@link ModelSpec} will hold, counted before it is built: its parameter
 * tensors, and the values its layers keep per example of a batch (outputs, gradients, caches such
 * as dropout masks or the convolution's unrolled patches). {@link #require} asks {@link Memory}
 * for what a run needs, so that {@code --hidden 40000,40000} or images of 1000×1000 are refused
 * with the size needed instead of ending in an {@code OutOfMemoryError}.
 *
 * <p>The count per example follows the layers' buffers (outputs, gradients, caches), each counted
 * once; a layer reuses them from batch to batch, so a run holds them for its largest batch.
 */
final class ModelSize {
    /** The most values one tensor (one Java array) can hold. */
    static final long MAX_TENSOR = Integer.MAX_VALUE - 8;

    private ModelSize() {}

    /** The parameter tensors (and buffers) by the network's keys, as values each. */
    static Map<String, Long> tensors(ModelSpec s) {
        Map<String, Long> t = new LinkedHashMap<>();
        long in = s.flatInput();
        int i = 1;
        if (s.kind() == ModelSpec.Kind.CNN) {
            int[] x = s.input();
            long k = SimpleConvNet.KERNEL;
            t.put("W1", SimpleConvNet.FILTERS * x[0] * k * k);
            t.put("b1", (long) SimpleConvNet.FILTERS);
            in = pooled(s);
            i = 2;
        }
        for (int h : s.hidden()) {
            t.put("W" + i, in * h);
            t.put("b" + i, (long) h);
            if (s.kind() == ModelSpec.Kind.MLP && s.batchNorm()) {
                t.put("gamma" + i, (long) h);
                t.put("beta" + i, (long) h);
                t.put("running_mean" + i, (long) h);
                t.put("running_var" + i, (long) h);
            }
            in = h;
            i++;
        }
        t.put("W" + i, in * s.classes());
        t.put("b" + i, (long) s.classes());
        return t;
    }

    /** All parameter and buffer values. */
    static long parameters(ModelSpec s) {
        return tensors(s).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The values the layers keep for one example of a batch: its forward outputs and caches (the
     * batch itself, each layer's output, batch norm's normalised input, dropout's mask, the
     * convolution's unrolled patches), and when {@code training} the gradients of the backward pass.
     */
    static long perExample(ModelSpec s, boolean training) {
        long in = s.flatInput();
        long forward = in;
        long backward = 0;
        boolean first = true;
        if (s.kind() == ModelSpec.Kind.CNN) {
            int[] x = s.input();
            long ohw = (long) (x[1] - SimpleConvNet.KERNEL + 1) * (x[2] - SimpleConvNet.KERNEL + 1);
            long conv = SimpleConvNet.FILTERS * ohw;
            long patches = ohw * x[0] * SimpleConvNet.KERNEL * SimpleConvNet.KERNEL;
            forward += patches + 2 * conv + 2 * pooled(s); // patches, conv and ReLU outputs, pooled output and argmax
            backward += 2 * conv; // ReLU's and pooling's input gradients (a first layer computes no dx)
            in = pooled(s);
            first = false;
        }
        boolean bn = s.kind() == ModelSpec.Kind.MLP && s.batchNorm();
        boolean drop = s.kind() == ModelSpec.Kind.MLP && s.dropout() > 0;
        for (int h : s.hidden()) {
            forward += (long) h * (2 + (bn ? 2 : 0) + (drop ? 2 : 0));
            backward += (long) h * (1 + (bn ? 1 : 0) + (drop ? 1 : 0)) + (first ? 0 : in);
            in = h;
            first = false;
        }
        forward += 2L * s.classes();
        backward += s.classes() + in;
        return training ? forward + backward : forward;
    }

    /**
     * Refuses a run whose network, with {@code optimizerSlots} values of optimizer state per
     * parameter, and whose layers at {@code batch} examples at a time in training and
     * {@code evaluationRows} in scoring, would not fit the heap; and a network with a tensor larger
     * than a Java array. {@code scoredSets} data sets are scored, each gathering its chunks into a
     * buffer of its own. {@code what} says what the run is, for the message.
     */
    static void require(ModelSpec s, long batch, long evaluationRows, int scoredSets, int optimizerSlots, String what) {
        for (Map.Entry<String, Long> e : tensors(s).entrySet()) {
            if (e.getValue() > MAX_TENSOR) {
                throw new CliException(String.format(
                        Locale.ROOT,
                        "%s: its %s would hold %,d values; one tensor holds at most %,d (make the layers smaller)",
                        s,
                        e.getKey(),
                        e.getValue(),
                        MAX_TENSOR));
            }
        }
        // value and gradient, the optimizer's slots and the copies a checkpoint makes of them
        double values = parameters(s) * (2.0 + 2.0 * optimizerSlots)
                + (double) batch * perExample(s, true)
                + (double) evaluationRows
                        * (perExample(s, false) + (double) Math.max(0, scoredSets - 1) * s.flatInput());
        long bytes = values * 8 > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) (values * 8);
        Memory.require(bytes, what);
    }

    /** The values of optimizer state per parameter value (Adam: 2), as the optimizer reports them. */
    static int optimizerSlots(org.bricknet.optim.Optimizer opt) {
        org.bricknet.core.Parameter one = new org.bricknet.core.Parameter("p", org.bricknet.core.Tensor.zeros(1));
        return opt.state(Map.of("p", one)).size() - 1;
    }

    private static long pooled(ModelSpec s) {
        int[] x = s.input();
        long oh = Math.max(0, x[1] - SimpleConvNet.KERNEL + 1) / 2;
        long ow = Math.max(0, x[2] - SimpleConvNet.KERNEL + 1) / 2;
        return SimpleConvNet.FILTERS * oh * ow;
    }
}

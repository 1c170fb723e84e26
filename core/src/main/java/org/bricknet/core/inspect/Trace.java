package org.bricknet.core.inspect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.GraphListener;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.TensorFormat;

/**
 * One mini-batch forward and backward through a network, watched brick by brick: what a student
 * prints to see backprop happen. {@link #of} runs {@code network.backprop(x, t)} (training mode,
 * weight decay included) with a {@link GraphListener} attached, and keeps one {@link Row} per brick
 * and direction, in the order the work happened:
 *
 * <ul>
 *   <li>forward, each node's output ({@code out}), then the loss;
 *   <li>backward, from the last node to the first: the gradient each node receives for its output
 *       ({@code dL/dout}), then the gradient of each of its parameters ({@code dL/dW1}, as the
 *       optimizer will see it).
 * </ul>
 *
 * Each row has the tensor's shape, mean, standard deviation, min, max and fraction of zeros; with
 * {@code keepValues} it keeps a copy of the tensor too, and {@link #values} prints them. The
 * parameters' gradients are left in the network, as after any backprop.
 */
public final class Trace {
    /** Which way the work went. */
    public enum Direction {
        FORWARD,
        BACKWARD
    }

    /**
     * One tensor of the trace: node {@code node} (a {@link Brick} of type {@code brick}), the
     * direction, what the tensor is ({@code out}, {@code loss}, {@code dL/dout}, {@code dL/dW1}),
     * its statistics, and its values when kept (else null).
     */
    public record Row(String node, String brick, Direction direction, String tensor, TensorStats stats, Tensor value) {}

    private final List<Row> rows;
    private final double loss;

    private Trace(List<Row> rows, double loss) {
        this.rows = List.copyOf(rows);
        this.loss = loss;
    }

    /** Runs one forward and backward of {@code x} against targets {@code t} and records every brick. */
    public static Trace of(Network network, Tensor x, Tensor t, boolean keepValues) {
        Graph graph = network.graph();
        Map<Tensor, String> keys = new IdentityHashMap<>();
        network.parameters().forEach((k, p) -> keys.put(p.value(), k));
        List<Row> forward = new ArrayList<>();
        List<Supplier<Row>> backward = new ArrayList<>();
        GraphListener listener = new GraphListener() {
            @Override
            public void forward(String name, Brick brick, Tensor[] inputs, Tensor[] outputs) {
                for (int i = 0; i < outputs.length; i++) {
                    String what = outputs.length == 1 ? "out" : "out:" + i;
                    forward.add(row(name, brick, Direction.FORWARD, what, outputs[i], keepValues));
                }
            }

            @Override
            public void backward(String name, Brick brick, Tensor[] outputGradients, Tensor[] inputGradients) {
                for (int i = 0; i < outputGradients.length; i++) {
                    String what = outputGradients.length == 1 ? "dL/dout" : "dL/dout:" + i;
                    Row r = row(name, brick, Direction.BACKWARD, what, outputGradients[i], keepValues);
                    backward.add(() -> r);
                }
                for (Parameter p : brick.parameters()) {
                    // read once the whole backward is done: weight decay and shared sums included
                    String key = keys.getOrDefault(p.value(), name + "." + p.name());
                    Parameter held = network.parameters().getOrDefault(key, p);
                    backward.add(() -> row(name, brick, Direction.BACKWARD, "dL/d" + key, held.grad(), keepValues));
                }
            }
        };
        graph.addListener(listener);
        double loss;
        try {
            loss = network.backprop(x, t);
        } finally {
            graph.removeListener(listener);
        }
        List<Row> all = new ArrayList<>(forward);
        Tensor lossValue = Tensor.vector(loss);
        Map<String, ? extends Brick> losses = graph.losses();
        boolean one = losses.size() == 1;
        all.add(new Row(
                one ? losses.keySet().iterator().next() : "losses",
                one ? type(losses.values().iterator().next()) : "weighted sum",
                Direction.FORWARD,
                "loss",
                TensorStats.of(lossValue),
                keepValues ? lossValue : null));
        backward.forEach(r -> all.add(r.get()));
        return new Trace(all, loss);
    }

    private static Row row(String name, Brick brick, Direction d, String what, Tensor t, boolean keep) {
        return new Row(name, type(brick), d, what, TensorStats.of(t), keep ? t.copy() : null);
    }

    private static String type(Object brick) {
        return brick.getClass().getSimpleName();
    }

    /** The rows, in the order the work happened. */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The loss of the traced batch (weight decay included). */
    public double loss() {
        return loss;
    }

    /**
     * A table: one line per row, with node, brick, direction, tensor, shape, mean, std, min, max
     * and the percentage of zeros.
     */
    @Override
    public String toString() {
        int node = "node".length();
        int brick = "brick".length();
        int tensor = "tensor".length();
        int shape = "shape".length();
        for (Row r : rows) {
            node = Math.max(node, r.node().length());
            brick = Math.max(brick, r.brick().length());
            tensor = Math.max(tensor, r.tensor().length());
            shape = Math.max(shape, r.stats().shapeText().length());
        }
        String f = "%-" + node + "s  %-" + brick + "s  %-8s  %-" + tensor + "s  %-" + shape + "s";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, f, "node", "brick", "pass", "tensor", "shape"));
        sb.append(String.format(Locale.ROOT, "  %11s  %10s  %11s  %11s  %6s", "mean", "std", "min", "max", "zeros"));
        for (Row r : rows) {
            TensorStats s = r.stats();
            sb.append('\n')
                    .append(String.format(
                            Locale.ROOT,
                            f,
                            r.node(),
                            r.brick(),
                            r.direction().name().toLowerCase(Locale.ROOT),
                            r.tensor(),
                            s.shapeText()))
                    .append(String.format(
                            Locale.ROOT,
                            "  %11.4g  %10.4g  %11.4g  %11.4g  %5.1f%%",
                            s.mean(),
                            s.std(),
                            s.min(),
                            s.max(),
                            100 * s.zeros()));
        }
        return sb.toString();
    }

    /**
     * The kept tensors themselves, each under a heading {@code node pass tensor}, printed by
     * {@code format}; a tensor too large for it is summarised, with a note saying so. Needs a
     * trace made with {@code keepValues}.
     */
    public String values(TensorFormat format) {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            if (r.value() == null) {
                throw new IllegalStateException("Trace: the values were not kept; make the trace with keepValues true");
            }
            sb.append(r.node())
                    .append(' ')
                    .append(r.direction().name().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(r.tensor())
                    .append(": ")
                    .append(format.format(r.value()));
            if (format.summarises(r.value())) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%n(summarised: %d elements, more than the %d printed in full; use a smaller batch or a"
                                + " larger threshold)",
                        r.value().size(),
                        format.threshold()));
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }
}

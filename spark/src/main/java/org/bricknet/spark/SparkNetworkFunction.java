package org.bricknet.spark;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.bricknet.core.Network;
import org.bricknet.core.Parameter;
import org.bricknet.optim.minimize.DifferentiableFunction;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;

/**
 * {@link NetworkFunction} over examples that Spark holds: the full-batch loss of a network (weight
 * decay included) and its gradient, as a {@link DifferentiableFunction} of all the parameters laid
 * end to end, so that the driver runs bricknet's own {@link Lbfgs} or any other minimizer on it,
 * the way Spark MLlib trains its perceptron. One evaluation:
 * <ol>
 *   <li>broadcasts the point (the weights) to the executors;</li>
 *   <li>each partition runs {@code backprop} block by block on its copy of the network and sums
 *       {@code rows·loss} and {@code rows·gradient} ({@link GradientSum});</li>
 *   <li>Spark combines the partitions' sums with {@code treeAggregate} ({@link #depth}, 2 unless
 *       set);</li>
 *   <li>the driver divides by the number of examples and adds the weight-decay term once.</li>
 * </ol>
 * The value and gradient equal the single-machine {@code NetworkFunction}'s on the same examples up
 * to rounding (relative 1e-12 and better; {@link GradientSum} says where the difference comes from),
 * and do not depend on the order in which Spark combines the partitions.
 *
 * <p>The loss layer must average over the rows of its batch (every bricknet loss does), and the
 * network must treat its rows independently: dropout and batch normalization are refused.
 * Each evaluation writes the point into the driver's network, so that after a run the network
 * holds the last point tried; {@link #setParameters} puts the result back, as with
 * {@code NetworkFunction}.
 */
public final class SparkNetworkFunction implements DifferentiableFunction {
    private final Network network;
    private final NetworkSource source;
    private final ExampleSet data;
    private final ParameterVector vector;
    private final JavaSparkContext sc;
    private final String run = UUID.randomUUID().toString();
    private int depth = 2;
    private long evaluations;

    /**
     * The loss of {@code network} (the driver's copy, holding the start point) on {@code data};
     * the executors build their copies with {@code source}, which must build networks of the same
     * form (checked here by building one).
     */
    public SparkNetworkFunction(Network network, NetworkSource source, ExampleSet data) {
        this.network = Objects.requireNonNull(network, "SparkNetworkFunction: expected a network, got null");
        this.source = Objects.requireNonNull(source, "SparkNetworkFunction: expected a NetworkSource, got null");
        this.data = Objects.requireNonNull(data, "SparkNetworkFunction: expected data, got null");
        requireSameForm(network, source);
        String refusal = Replicas.refusal(network);
        if (refusal != null) {
            throw new IllegalArgumentException("SparkNetworkFunction: " + refusal);
        }
        this.vector = new ParameterVector(network);
        this.sc = JavaSparkContext.fromSparkContext(data.blocks().context());
    }

    /** The depth of Spark's {@code treeAggregate} (2 unless set; 1 sends every partition's sum to the driver). */
    public SparkNetworkFunction depth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException(
                    "SparkNetworkFunction: expected a tree depth of at least 1, got " + depth);
        }
        this.depth = depth;
        return this;
    }

    /** The number of parameters, the length of the vector. */
    public int dimension() {
        return vector.size();
    }

    /** The driver's network's current parameters as one vector (a copy). */
    public double[] parameters() {
        return vector.values();
    }

    /** Copies {@code v} into the driver's network. */
    public void setParameters(double[] v) {
        vector.setValues(v);
    }

    /** How many times the function has been evaluated (each one is one Spark job). */
    public long evaluations() {
        return evaluations;
    }

    @Override
    public double valueAndGradient(double[] v, double[] gradient) {
        if (gradient.length != vector.size()) {
            throw new IllegalArgumentException("SparkNetworkFunction: expected a gradient array of " + vector.size()
                    + " values, got " + gradient.length);
        }
        setParameters(v);
        Broadcast<double[]> weights = sc.broadcast(v.clone());
        GradientSum sum;
        try {
            sum = data.blocks()
                    .mapPartitionsWithIndex(new PartitionWork.FullSum(run, source, weights, data.exampleShape()), true)
                    .treeAggregate(new GradientSum(), GradientSum::merge, GradientSum::merge, depth);
        } finally {
            weights.destroy();
        }
        evaluations++;
        if (sum.problem() != null) {
            throw new IllegalStateException(data.name() + ": " + sum.problem());
        }
        double n = sum.rows();
        sum.gradient(n, gradient);
        return sum.loss() / n + vector.addDecay(v, gradient);
    }

    /** How many examples of {@code set} the driver's network classifies right, counted by the executors. */
    public long correct(ExampleSet set) {
        return Scoring.correct(sc, run, source, vector.values(), set);
    }

    /**
     * Why {@code network} cannot be trained on Spark, by this function or by
     * {@link DataParallelTrainer}, naming the layer (a graph's node, {@code block/node} inside a
     * block): a layer that draws random numbers (Dropout) or normalises by batch statistics
     * (BatchNormalization); null when its rows are independent and it can. Lets a caller refuse
     * before it starts Spark.
     */
    public static String refusal(Network network) {
        return Replicas.refusal(network);
    }

    /** Refuses a source whose networks differ from {@code network} in parameter keys or shapes. */
    static void requireSameForm(Network network, NetworkSource source) {
        Network probe = source.build();
        if (probe == null) {
            throw new IllegalArgumentException("the NetworkSource built null instead of a network");
        }
        Map<String, Parameter> a = network.parameters();
        Map<String, Parameter> b = probe.parameters();
        boolean same = a.keySet().equals(b.keySet());
        for (String k : a.keySet()) {
            same = same && a.get(k).value().sameShape(b.get(k).value());
        }
        if (!same) {
            throw new IllegalArgumentException("the NetworkSource builds a network of another form: parameters "
                    + describe(b) + ", the network trained has " + describe(a));
        }
    }

    private static String describe(Map<String, Parameter> params) {
        StringBuilder sb = new StringBuilder("[");
        params.forEach((k, p) -> sb.append(sb.length() > 1 ? ", " : "")
                .append(k)
                .append(p.value().shapeString()));
        return sb.append(']').toString();
    }
}

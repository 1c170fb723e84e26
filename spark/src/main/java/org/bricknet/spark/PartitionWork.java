package org.bricknet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;

/**
 * What one partition computes, as the serializable functions Spark ships to the executors. Each
 * borrows a copy of the network ({@link Replicas}), writes the broadcast weights into it once, runs
 * {@code backprop} (or scoring) block by block, and returns one value for the partition. A failure inside a partition (a layer refusing a shape, a
 * network of another form) comes back as a problem in that value, not as an exception, so that the
 * driver reports it in one line and Spark logs no stack trace.
 */
final class PartitionWork {
    private PartitionWork() {}

    /** The weights of one mini-batch step and the examples of its batch, by global number, in batch order. */
    record Step(double[] weights, long[] batch) implements Serializable {}

    /** The summed loss and gradient of every example of the partition, block by block. */
    static final class FullSum implements Function2<Integer, Iterator<ExampleBlock>, Iterator<GradientSum>> {
        private static final long serialVersionUID = 1L;
        private final String run;
        private final NetworkSource source;
        private final Broadcast<double[]> weights;
        private final int[] exampleShape;

        FullSum(String run, NetworkSource source, Broadcast<double[]> weights, int[] exampleShape) {
            this.run = run;
            this.source = source;
            this.weights = weights;
            this.exampleShape = exampleShape;
        }

        @Override
        public Iterator<GradientSum> call(Integer partition, Iterator<ExampleBlock> blocks) {
            GradientSum sum = new GradientSum();
            double[] w = weights.value();
            Network net = null;
            try {
                net = Replicas.borrow(run, source);
                double[][] g = withWeights(net, w);
                while (blocks.hasNext()) {
                    ExampleBlock b = blocks.next();
                    double loss = net.backprop(b.inputs(exampleShape), b.targetTensor());
                    sum.add(b.rows, loss, g);
                }
            } catch (RuntimeException e) {
                sum.fail(partition, "partition " + partition + ": " + e.getMessage());
            } finally {
                if (net != null) {
                    Replicas.giveBack(run, net);
                }
            }
            return Collections.singletonList(sum).iterator();
        }
    }

    /**
     * The summed loss and gradient of the partition's share of one mini-batch: the batch's examples
     * that live in this partition, gathered in batch order into one matrix, and one evaluation on
     * it. A partition holding none of them returns an empty sum.
     */
    static final class StepSum implements Function2<Integer, Iterator<ExampleBlock>, Iterator<GradientSum>> {
        private static final long serialVersionUID = 1L;
        private final String run;
        private final NetworkSource source;
        private final Broadcast<Step> step;
        private final int[] exampleShape;
        private final long[] starts;

        StepSum(String run, NetworkSource source, Broadcast<Step> step, int[] exampleShape, long[] starts) {
            this.run = run;
            this.source = source;
            this.step = step;
            this.exampleShape = exampleShape;
            this.starts = starts;
        }

        @Override
        public Iterator<GradientSum> call(Integer partition, Iterator<ExampleBlock> blocks) {
            GradientSum sum = new GradientSum();
            Step s = step.value();
            long from = starts[partition];
            long to = starts[partition + 1];
            int n = 0;
            for (long i : s.batch()) {
                if (i >= from && i < to) {
                    n++;
                }
            }
            if (n == 0) {
                return Collections.singletonList(sum).iterator();
            }
            Network net = null;
            try {
                List<ExampleBlock> list = new ArrayList<>();
                blocks.forEachRemaining(list::add);
                int width = list.get(0).width;
                double[] x = new double[n * width];
                double[] t = new double[n];
                int row = 0;
                for (long i : s.batch()) {
                    if (i >= from && i < to) {
                        ExampleBlock b = find(list, i - from);
                        int r = (int) (i - from - b.first);
                        System.arraycopy(b.x, r * width, x, row * width, width);
                        t[row++] = b.targets[r];
                    }
                }
                net = Replicas.borrow(run, source);
                double[][] g = withWeights(net, s.weights());
                double loss = net.backprop(Tensor.of(x, ExampleBlock.shape(n, exampleShape)), Tensor.of(t, n));
                sum.add(n, loss, g);
            } catch (RuntimeException e) {
                sum.fail(partition, "partition " + partition + ": " + e.getMessage());
            } finally {
                if (net != null) {
                    Replicas.giveBack(run, net);
                }
            }
            return Collections.singletonList(sum).iterator();
        }

        /** The block holding partition-local row {@code local} (blocks are in row order). */
        private static ExampleBlock find(List<ExampleBlock> blocks, long local) {
            int lo = 0;
            int hi = blocks.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (blocks.get(mid).first <= local) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            ExampleBlock b = blocks.get(lo);
            if (local < b.first || local >= b.first + b.rows) {
                throw new IllegalStateException("row " + local + " is in no block of this partition");
            }
            return b;
        }
    }

    /** How many of the partition's examples the network classifies right (in evaluation mode). */
    static final class Correct implements Function2<Integer, Iterator<ExampleBlock>, Iterator<Tally>> {
        private static final long serialVersionUID = 1L;
        private final String run;
        private final NetworkSource source;
        private final Broadcast<double[]> weights;
        private final int[] exampleShape;

        Correct(String run, NetworkSource source, Broadcast<double[]> weights, int[] exampleShape) {
            this.run = run;
            this.source = source;
            this.weights = weights;
            this.exampleShape = exampleShape;
        }

        @Override
        public Iterator<Tally> call(Integer partition, Iterator<ExampleBlock> blocks) {
            Tally tally = new Tally();
            Network net = null;
            try {
                net = Replicas.borrow(run, source);
                withWeights(net, weights.value());
                while (blocks.hasNext()) {
                    ExampleBlock b = blocks.next();
                    tally.count += net.countCorrect(b.inputs(exampleShape), b.targetTensor());
                    tally.rows += b.rows;
                }
            } catch (RuntimeException e) {
                tally.fail(partition, "partition " + partition + ": " + e.getMessage());
            } finally {
                if (net != null) {
                    Replicas.giveBack(run, net);
                }
            }
            return Collections.singletonList(tally).iterator();
        }
    }

    /** A count over partitions, or the first partition's problem; exact whatever the order. */
    static final class Tally implements Serializable {
        private static final long serialVersionUID = 1L;
        long count;
        long rows;
        int problemPartition = Integer.MAX_VALUE;
        String problem;

        void fail(int partition, String message) {
            if (partition < problemPartition) {
                problemPartition = partition;
                problem = message;
            }
        }

        Tally merge(Tally other) {
            count += other.count;
            rows += other.rows;
            if (other.problem != null) {
                fail(other.problemPartition, other.problem);
            }
            return this;
        }
    }

    /**
     * Writes {@code w} into {@code net}'s parameters (laid out as {@link ParameterVector} says) and
     * returns their gradient arrays, which each {@code backprop} fills.
     */
    private static double[][] withWeights(Network net, double[] w) {
        ParameterVector v = new ParameterVector(net);
        if (v.size() != w.length) {
            throw new IllegalStateException("the NetworkSource built a network of " + v.size()
                    + " parameter values; the driver's has " + w.length);
        }
        v.setValues(w);
        return v.gradientArrays();
    }
}

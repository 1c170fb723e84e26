package org.bricknet.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** Accuracy counted where the examples are: each partition counts its hits, the driver adds them. */
final class Scoring {
    private Scoring() {}

    /** How many examples of {@code set} the network with {@code weights} classifies right. */
    static long correct(JavaSparkContext sc, String run, NetworkSource source, double[] weights, ExampleSet set) {
        Broadcast<double[]> w = sc.broadcast(weights);
        PartitionWork.Tally tally;
        try {
            tally = set.blocks()
                    .mapPartitionsWithIndex(new PartitionWork.Correct(run, source, w, set.exampleShape()), true)
                    .treeAggregate(new PartitionWork.Tally(), PartitionWork.Tally::merge, PartitionWork.Tally::merge);
        } finally {
            w.destroy();
        }
        if (tally.problem != null) {
            throw new IllegalStateException(set.name() + ": " + tally.problem);
        }
        return tally.count;
    }
}

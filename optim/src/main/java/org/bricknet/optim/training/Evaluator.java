package org.bricknet.optim.training;

import org.bricknet.core.Network;
import org.bricknet.core.data.Batch;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.MiniBatches;

/** Counts the examples of a data set a network classifies right, a chunk of rows at a time. */
final class Evaluator {
    private final Network network;
    private final MiniBatches chunks;

    Evaluator(Network network, Dataset data, int rows) {
        this.network = network;
        this.chunks = new MiniBatches(data, rows);
    }

    /** How many examples have their highest score at their label (in evaluation mode). */
    int correct() {
        int hits = 0;
        for (int b = 0; b < chunks.count(); b++) {
            Batch batch = chunks.get(b);
            hits += network.countCorrect(batch.x(), batch.t());
        }
        return hits;
    }
}

package org.bricknet.optim.training;

import org.bricknet.core.Network;
import org.bricknet.core.data.Batch;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.data.MiniBatches;

/** Scores a data set in evaluation mode, a chunk of rows at a time: right answers, and the loss. */
final class Evaluator {
    private final Network network;
    private final MiniBatches chunks;
    private final int size;

    /** The right answers and the mean loss (weight decay included) of a data set. */
    record Score(int correct, double loss, int size) {
        double accuracy() {
            return correct / (double) size;
        }
    }

    Evaluator(Network network, Dataset data, int rows) {
        this.network = network;
        this.chunks = new MiniBatches(data, rows);
        this.size = data.size();
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

    /**
     * The right answers and the loss ({@link Network#evaluationLoss}, averaged over the examples),
     * from one forward pass per chunk.
     */
    Score score() {
        int hits = 0;
        double loss = 0;
        for (int b = 0; b < chunks.count(); b++) {
            Batch batch = chunks.get(b);
            Network.Evaluation e = network.evaluate(batch.x(), batch.t());
            loss += e.loss() * batch.size();
            hits += e.correct();
        }
        return new Score(hits, loss / size, size);
    }
}

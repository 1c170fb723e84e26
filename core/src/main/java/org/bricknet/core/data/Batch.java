package org.bricknet.core.data;

import org.bricknet.core.Tensor;

/** A mini-batch: inputs {@code x} and class-index targets {@code t}. */
public record Batch(Tensor x, Tensor t) {
    public int size() {
        return x.rows();
    }
}

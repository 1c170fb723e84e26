package org.bricknet.optim.training;

/** How a {@link Trainer} picks the mini-batches of an epoch. */
public enum Sampling {
    /**
     * Nielsen's way, the default: a new random order of the training set each epoch, cut into
     * ⌈N / batch⌉ batches that see every example once (the last may be smaller).
     */
    SHUFFLE,
    /**
     * The book's way ({@code train_neuralnet.py}): each iteration draws {@code batch} random
     * examples; an epoch is ⌈N / batch⌉ iterations, so some examples are seen twice and others not.
     */
    DRAW
}

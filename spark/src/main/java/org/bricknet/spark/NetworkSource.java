package org.bricknet.spark;

import java.io.Serializable;
import org.bricknet.core.Network;

/**
 * How an executor builds its own copy of the network being trained: a serializable factory, such
 * as {@code () -> new TwoLayerNet(784, 50, 10, new Random(42))}. Only the form matters (layers,
 * parameter keys and shapes, loss); the weights of every copy are overwritten by the driver's
 * before each use. Every call must build a network of the same form as the driver's.
 */
@FunctionalInterface
public interface NetworkSource extends Serializable {

    /** A fresh network of the form being trained. */
    Network build();
}

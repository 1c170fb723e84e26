package org.bricknet.core;

/** Helpers shared by the brick interfaces. */
final class Layers {
    private Layers() {}

    /** The one tensor of {@code tensors}, or an error naming the brick and what it got. */
    static Tensor one(Brick brick, String what, Tensor[] tensors) {
        if (tensors == null || tensors.length != 1) {
            throw new IllegalArgumentException(brick.getClass().getSimpleName() + ": expected one " + what + ", got "
                    + (tensors == null ? 0 : tensors.length));
        }
        return tensors[0];
    }
}

package org.bricknet.core;

/**
 * Seeds derived from a seed and an index by SplitMix64's finaliser (Steele, Lea and Flood, 2014):
 * {@code z = seed + 0x9E3779B97F4A7C15·index}, then three xor-shift-multiply rounds. Nearby
 * indices give unrelated seeds, so epoch {@code e} of a run and layer {@code i} of a network each
 * get a generator of their own that depends on the seed and the index alone.
 */
public final class SplitMix {
    private SplitMix() {}

    /** The seed for item {@code index} of a sequence started from {@code seed}. */
    public static long derive(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

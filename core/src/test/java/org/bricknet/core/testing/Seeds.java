package org.bricknet.core.testing;

/**
 * The project's fixed jqwik seed: properties say {@code @Property(seed = Seeds.FIXED)} so that
 * every run explores the same cases and a failure reproduces on any machine. To explore new
 * cases locally, change this value (or the property's seed) and run again.
 */
public final class Seeds {
    public static final String FIXED = org.bricknet.core.contract.LayerContract.SEED;

    private Seeds() {}
}

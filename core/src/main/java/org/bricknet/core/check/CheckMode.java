package org.bricknet.core.check;

/**
 * Which elements a gradient check compares, for each checked tensor (the input and every
 * parameter). Two evaluations of the scalar function per compared element or direction.
 *
 * <ul>
 *   <li>{@link Full}: every element. Exact and exhaustive; costs {@code 2·size} evaluations.
 *   <li>{@link Subset}: {@code k} elements per tensor, spread evenly over the flat index
 *       ({@code ⌊(j + ½)·size / k⌋} for {@code j < k}) or drawn without repetition from a seed.
 *   <li>{@link Directions}: for a few random unit directions {@code v} (Gaussian, normalised) it
 *       compares the analytic {@code vᵀ·∇f} with {@code (f(x + h·v) − f(x − h·v)) / 2h}. Every
 *       element takes part in every direction, so a wrong element anywhere shows, at two
 *       evaluations per direction; it cannot say which element is wrong.
 * </ul>
 */
public sealed interface CheckMode {

    /** Every element. */
    static CheckMode full() {
        return new Full();
    }

    /** {@code k} elements per tensor, spread evenly. */
    static CheckMode subset(int k) {
        return new Subset(k, Spread.EVEN, 0);
    }

    /** {@code k} elements per tensor, drawn from {@code seed}. */
    static CheckMode subset(int k, long seed) {
        return new Subset(k, Spread.RANDOM, seed);
    }

    /** {@code count} random unit directions per tensor, drawn from {@code seed}. */
    static CheckMode directions(int count, long seed) {
        return new Directions(count, seed);
    }

    /** A short label for reports, such as {@code subset(10, even)}. */
    String label();

    /** Every element. */
    record Full() implements CheckMode {
        @Override
        public String label() {
            return "full";
        }
    }

    /** How a {@link Subset} picks its elements. */
    enum Spread {
        EVEN,
        RANDOM
    }

    /** {@code k} elements per tensor (all of them when the tensor has no more than {@code k}). */
    record Subset(int k, Spread spread, long seed) implements CheckMode {
        public Subset {
            if (k < 1) {
                throw new IllegalArgumentException("CheckMode.subset: k must be at least 1, got " + k);
            }
        }

        @Override
        public String label() {
            return "subset(" + k + ", " + (spread == Spread.EVEN ? "even" : "seed " + seed) + ")";
        }
    }

    /** {@code count} random unit directions per tensor. */
    record Directions(int count, long seed) implements CheckMode {
        public Directions {
            if (count < 1) {
                throw new IllegalArgumentException("CheckMode.directions: count must be at least 1, got " + count);
            }
        }

        @Override
        public String label() {
            return "directions(" + count + ", seed " + seed + ")";
        }
    }
}

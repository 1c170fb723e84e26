package org.bricknet.core.engine;

import org.bricknet.core.Tensor;

/**
 * The one boundary of every two-core split, and the rule it serves: <em>the second core always
 * works on the same half of a weight matrix</em>.
 *
 * <p>A layer's weights {@code W} ({@code r x c}, row-major) meet the two cores four times in each
 * training step, and each time the second core takes rows (or the matching columns)
 * {@code [at(r), r)}:
 *
 * <ul>
 *   <li>the forward product {@code x·W}, cut by depth: columns {@code [at(r), r)} of {@code x} times
 *       rows {@code [at(r), r)} of {@code W};
 *   <li>the gradient {@code ∇W = xᵀ·dY}, cut by the rows of {@code ∇W};
 *   <li>the divergence check of {@code ∇W} and the optimizer's step on {@code W}, cut by elements at
 *       {@link #elements(Tensor) at(r)·c};
 *   <li>the gather of the next mini-batch {@code x}, cut by columns at {@code at(r)}.
 * </ul>
 *
 * So rows {@code [at(r), r)} of {@code W} and {@code ∇W}, and the columns of {@code x} that meet
 * them, stay in the second core's cache from one mini-batch to the next instead of crossing between
 * cores, which on a two-vCPU machine costs more than the work itself.
 */
final class Halves {
    private Halves() {}

    /**
     * Where the second core's part of {@code n} items begins: {@code n/2} rounded down to a multiple
     * of 8 (a 64-byte cache line of doubles), or {@code n/2} when {@code n < 16}.
     */
    static int at(int n) {
        int h = n / 2;
        return n < 16 ? h : h & ~7;
    }

    /**
     * Where the second core's part of a tensor's elements begins, by the rows of its first axis:
     * {@code at(rows)·(elements per row)}, so that an element-wise pass over {@code W} or {@code ∇W}
     * splits where the products split them.
     */
    static int elements(Tensor t) {
        int rows = t.rank() == 0 ? 1 : t.dim(0);
        return at(rows) * (t.size() / rows);
    }
}

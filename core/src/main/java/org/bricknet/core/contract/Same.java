package org.bricknet.core.contract;

import java.util.Arrays;
import org.bricknet.core.Tensor;

/** Bit-for-bit comparisons for the contracts, failing with a message that says what differed. */
final class Same {
    private Same() {}

    /** {@code actual} must equal {@code expected} in shape and in every bit of every element. */
    static void tensor(String what, Tensor expected, Tensor actual) {
        if (!expected.sameShape(actual)) {
            throw new AssertionError(
                    what + ": expected shape " + expected.shapeString() + ", got " + actual.shapeString());
        }
        double[] e = expected.data();
        double[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                throw new AssertionError(what + ": differs at " + Tensor.shapeString(expected.multiIndex(i))
                        + ": expected " + e[i] + ", got " + a[i]);
            }
        }
    }

    /** {@code run} must throw an {@link IllegalArgumentException} whose message names each of {@code words}. */
    static void rejects(String what, Runnable run, String... words) {
        try {
            run.run();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            for (String w : words) {
                if (!m.contains(w)) {
                    throw new AssertionError(what + ": rejected, but the message does not name '" + w + "': " + m, e);
                }
            }
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(
                    what + ": expected an IllegalArgumentException naming " + Arrays.toString(words) + ", got " + e, e);
        }
        throw new AssertionError(what + ": expected an IllegalArgumentException, but it was accepted");
    }
}

package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HexFormat;

/**
 * The fuzzing contract shared by the loaders' properties: a case either loads (and the caller
 * then checks the round trip) or throws {@link BadFileException}; any other throwable fails the
 * case with its input in hex, ready to paste into a regression test.
 */
public final class Fuzz {
    /** A loader under test. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(byte[] bytes) throws BadFileException;
    }

    private Fuzz() {}

    /** The loaded value, or null when the loader refused the bytes with a {@link BadFileException}. */
    public static <T> T loadOrRefuse(byte[] bytes, Loader<T> loader) {
        try {
            return loader.load(bytes);
        } catch (BadFileException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith(e.file() + ": ")) {
                fail("a BadFileException must name the file first, got: " + e.getMessage());
            }
            return null;
        } catch (Throwable t) {
            throw new AssertionError(
                    "expected a load or a BadFileException, got " + t + " for input "
                            + HexFormat.of().formatHex(bytes),
                    t);
        }
    }

    /** Asserts the loader refuses {@code bytes} with a {@link BadFileException}. */
    public static void refused(byte[] bytes, Loader<?> loader, String why) {
        if (loadOrRefuse(bytes, loader) != null) {
            fail("expected a BadFileException (" + why + "), but the bytes loaded: "
                    + HexFormat.of().formatHex(bytes));
        }
    }
}

package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.bricknet.core.testing.IdxFiles;
import org.bricknet.core.testing.Seeds;

/**
 * Fuzzing the IDX reader in memory, plain and gzipped: valid files cut short, with bits flipped,
 * with the magic or a dimension replaced by a hostile value, and with bytes after the end. Each
 * case loads (and then round-trips) or is a {@link org.bricknet.core.io.BadFileException}.
 */
@net.jqwik.api.Tag("slow")
class IdxFuzzProperties {
    private static final Fuzz.Loader<Idx.Array> LOAD = b -> Idx.read(b, "fuzz-idx3-ubyte");
    private static final int[] HOSTILE = {
        0,
        -1,
        1,
        2,
        255,
        256,
        65536,
        1 << 30,
        Integer.MAX_VALUE,
        Integer.MIN_VALUE,
        0x00000801,
        0x00000803,
        0x00000804,
        0x00000805,
        0x00000D03,
        0x1f8b0803
    };

    /** A valid IDX file: magic, dims, bytes. */
    record Valid(int[] dims, byte[] data, boolean gzip) {
        byte[] bytes() {
            try {
                byte[] raw = IdxFiles.idx(dims, data);
                return gzip ? IdxFiles.gzip(raw) : raw;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Provide
    Arbitrary<Valid> files() {
        Arbitrary<int[]> dims = Arbitraries.integers()
                .between(1, 5)
                .array(int[].class)
                .ofMinSize(1)
                .ofMaxSize(4);
        return Combinators.combine(dims, Arbitraries.longs(), Arbitraries.of(false, true))
                .as((d, seed, gz) -> {
                    byte[] data = new byte[Arrays.stream(d).reduce(1, (a, b) -> a * b)];
                    new Random(seed).nextBytes(data);
                    return new Valid(d, data, gz);
                });
    }

    static void loadsAndRoundTripsOrIsRefused(byte[] bytes) {
        Idx.Array a = Fuzz.loadOrRefuse(bytes, LOAD);
        Statistics.label("outcome").collect(a == null ? "refused" : "loaded");
        if (a != null) {
            try {
                Idx.Array b = Fuzz.loadOrRefuse(IdxFiles.idx(a.dims(), a.data()), LOAD);
                assertNotNull(b, "a loaded array written back was refused");
                assertArrayEquals(a.dims(), b.dims());
                assertArrayEquals(a.data(), b.data());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Property(tries = 300, seed = Seeds.FIXED)
    void validFilesLoad(@ForAll("files") Valid v) {
        Idx.Array a = Fuzz.loadOrRefuse(v.bytes(), LOAD);
        assertNotNull(a, "a valid file was refused");
        assertArrayEquals(v.dims(), a.dims());
        assertArrayEquals(v.data(), a.data());
    }

    @Property(tries = 1000, seed = Seeds.FIXED)
    void everyTruncationIsRefused(@ForAll("files") Valid v, @ForAll @IntRange(min = 0, max = 1 << 16) int cut) {
        byte[] file = v.bytes();
        int length = cut % file.length;
        Fuzz.refused(Arrays.copyOf(file, length), LOAD, "cut to " + length + " of " + file.length + " bytes");
    }

    @Property(tries = 400, seed = Seeds.FIXED)
    void trailingGarbageIsRefusedOrIgnoredAfterGzip(@ForAll("files") Valid v, @ForAll byte[] garbage) {
        byte[] file = v.bytes();
        byte[] longer = Arrays.copyOf(file, file.length + garbage.length);
        System.arraycopy(garbage, 0, longer, file.length, garbage.length);
        if (v.gzip()) {
            // GZIPInputStream ignores bytes after a member that do not start another member
            loadsAndRoundTripsOrIsRefused(longer);
        } else if (garbage.length > 0) {
            Fuzz.refused(longer, LOAD, garbage.length + " bytes of garbage after the data");
        }
    }

    @Property(tries = 1500, seed = Seeds.FIXED)
    void bitFlipsLoadOrAreRefused(
            @ForAll("files") Valid v, @ForAll @IntRange(min = 1, max = 4) int flips, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] b = v.bytes();
        for (int i = 0; i < flips; i++) {
            int at = r.nextBoolean() ? r.nextInt(Math.min(b.length, 4 + 4 * v.dims().length)) : r.nextInt(b.length);
            b[at] ^= (byte) (1 << r.nextInt(8));
        }
        loadsAndRoundTripsOrIsRefused(b);
    }

    @Property(tries = 1000, seed = Seeds.FIXED)
    void hostileHeaderFieldsAreRefusedOrHarmless(@ForAll("files") Valid v, @ForAll long seed) {
        Random r = new Random(seed);
        byte[] raw = new Valid(v.dims(), v.data(), false).bytes();
        int field = r.nextInt(1 + v.dims().length);
        ByteBuffer.wrap(raw).putInt(4 * field, HOSTILE[r.nextInt(HOSTILE.length)]);
        try {
            loadsAndRoundTripsOrIsRefused(v.gzip() ? IdxFiles.gzip(raw) : raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Statistics.label("outcome").coverage(c -> {
            c.check("loaded").count(n -> n > 0);
            c.check("refused").count(n -> n > 0);
        });
    }
}

package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.bricknet.core.Tensor;
import org.bricknet.core.testing.Seeds;

/**
 * Fuzzing the safetensors loader in memory: valid files cut short, with bits flipped, with a
 * header field replaced by a hostile value, with a random header length, and with bytes after
 * the end. Each case loads (and then round-trips bit for bit) or is a {@link BadFileException}.
 */
@net.jqwik.api.Tag("slow")
class SafeTensorsFuzzProperties {
    private static final Fuzz.Loader<SafeTensors.Contents> LOAD = b -> SafeTensors.load(b, "fuzz.safetensors");

    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<int[]> shapes =
                Arbitraries.integers().between(1, 4).array(int[].class).ofMaxSize(3);
        Arbitrary<Tensor> tensors = Combinators.combine(shapes, Arbitraries.longs())
                .as((s, seed) -> {
                    java.util.Random r = new java.util.Random(seed);
                    double[] d = new double[Arrays.stream(s).reduce(1, (a, b) -> a * b)];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = r.nextInt(8) == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian();
                    }
                    return Tensor.of(d, s);
                });
        Arbitrary<Map<String, Tensor>> named = Arbitraries.maps(
                        Arbitraries.of("W1", "b1", "W2", "b2", "x", "é/ü"), tensors)
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(LinkedHashMap::new);
        Arbitrary<Map<String, String>> meta = Arbitraries.maps(
                        Arbitraries.of("model", "sizes", "format"),
                        Arbitraries.strings().ofMaxLength(12))
                .ofMaxSize(2);
        return Combinators.combine(named, meta).as(SafeTensors::toBytes);
    }

    /** Loads or refuses; a load must write back to the same bytes, which must load to the same. */
    static void loadsAndRoundTripsOrIsRefused(byte[] bytes) {
        SafeTensors.Contents c = Fuzz.loadOrRefuse(bytes, LOAD);
        Statistics.label("outcome").collect(c == null ? "refused" : "loaded");
        if (c == null) {
            return;
        }
        byte[] again = SafeTensors.toBytes(c.tensors(), c.metadata());
        SafeTensors.Contents d = Fuzz.loadOrRefuse(again, LOAD);
        assertEquals(c.metadata(), d.metadata());
        assertEquals(List.copyOf(c.tensors().keySet()), List.copyOf(d.tensors().keySet()));
        c.tensors().forEach((k, t) -> {
            assertArrayEquals(t.shape(), d.tensors().get(k).shape(), k);
            assertArrayEquals(bits(t.data()), bits(d.tensors().get(k).data()), k);
        });
    }

    private static long[] bits(double[] d) {
        return Arrays.stream(d).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Property(tries = 500, seed = Seeds.FIXED)
    void validFilesRoundTrip(@ForAll("files") byte[] file) {
        SafeTensors.Contents c = Fuzz.loadOrRefuse(file, LOAD);
        assertEquals(true, c != null, "a valid file was refused");
        assertArrayEquals(file, SafeTensors.toBytes(c.tensors(), c.metadata()));
    }

    @Property(tries = 1500, seed = Seeds.FIXED)
    void everyTruncationIsRefused(@ForAll("files") byte[] file, @ForAll @IntRange(min = 0, max = 1 << 16) int cut) {
        int length = cut % file.length;
        Fuzz.refused(Arrays.copyOf(file, length), LOAD, "cut to " + length + " of " + file.length + " bytes");
    }

    @Property(tries = 500, seed = Seeds.FIXED)
    void trailingGarbageIsRefused(@ForAll("files") byte[] file, @ForAll byte[] garbage) {
        if (garbage.length == 0) {
            return;
        }
        byte[] longer = Arrays.copyOf(file, file.length + garbage.length);
        System.arraycopy(garbage, 0, longer, file.length, garbage.length);
        Fuzz.refused(longer, LOAD, garbage.length + " bytes of garbage after the end");
    }

    @Property(tries = 2500, seed = Seeds.FIXED)
    void bitFlipsLoadOrAreRefused(
            @ForAll("files") byte[] file, @ForAll @IntRange(min = 1, max = 4) int flips, @ForAll long seed) {
        java.util.Random r = new java.util.Random(seed);
        byte[] b = file.clone();
        int headerEnd = 8
                + (int) ByteBuffer.wrap(file, 0, 8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong();
        for (int i = 0; i < flips; i++) {
            // half of the flips land in the length or the JSON, where they matter most
            int at = r.nextBoolean() ? r.nextInt(headerEnd) : r.nextInt(b.length);
            b[at] ^= (byte) (1 << r.nextInt(8));
        }
        loadsAndRoundTripsOrIsRefused(b);
        bothOutcomesSeen();
    }

    @Property(tries = 2500, seed = Seeds.FIXED)
    void hostileHeaderFieldsAreRefusedOrHarmless(@ForAll("files") byte[] file, @ForAll long seed) {
        loadsAndRoundTripsOrIsRefused(HostileHeaders.mutate(file, new java.util.Random(seed)));
        bothOutcomesSeen();
    }

    /** Some cases must load and some be refused, or the generator is not testing what it claims. */
    static void bothOutcomesSeen() {
        Statistics.label("outcome").coverage(c -> {
            c.check("loaded").count(n -> n > 0);
            c.check("refused").count(n -> n > 0);
        });
    }

    @Property(tries = 500, seed = Seeds.FIXED)
    void randomHeaderLengthsAreRefusedOrHarmless(@ForAll("files") byte[] file, @ForAll long length) {
        byte[] b = file.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        loadsAndRoundTripsOrIsRefused(b);
    }
}

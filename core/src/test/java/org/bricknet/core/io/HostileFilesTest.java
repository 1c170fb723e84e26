package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Hand-made hostile files, each refused with a {@link BadFileException} naming the field, and the
 * memory each refusal cost, measured with the thread's allocation counter: a lying header must
 * not make the loader allocate what it claims. These are also the fuzzers' regression cases.
 */
class HostileFilesTest {
    /** The most a refusal may allocate beyond twice the file's own size: buffers, the parser, the message. */
    private static final long OVERHEAD = 4L << 20;

    private static final Map<String, Long> ALLOCATED = new LinkedHashMap<>();

    /** Loads a valid file and refuses a bad one with each loader once, so class loading is not counted. */
    @org.junit.jupiter.api.BeforeAll
    static void warmUp() throws IOException {
        SafeTensors.load(SafeTensors.toBytes(Map.of("a", org.bricknet.core.Tensor.vector(1)), Map.of()), "warm");
        Idx.read(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 7}, "warm");
        for (byte[] bad : new byte[][] {new byte[3], idx(0x00000801, 2, 7), {0x1f, (byte) 0x8b, 8, 0, 0}}) {
            try {
                Idx.read(bad, "warm");
            } catch (BadFileException expected) {
                // warmed up
            }
        }
        try {
            SafeTensors.load(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, '[', ']'}, "warm");
        } catch (BadFileException expected) {
            // warmed up
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void refused(String what, byte[] bytes, Fuzz.Loader<?> loader, String expected) {
        long before = allocated();
        BadFileException e = null;
        try {
            loader.load(bytes);
        } catch (BadFileException x) {
            e = x;
        }
        long cost = allocated() - before;
        ALLOCATED.put(what, cost);
        assertTrue(e != null, what + ": expected a BadFileException, the file loaded");
        assertTrue(
                e.getMessage().contains(expected),
                what + ": expected a message containing '" + expected + "', got: " + e.getMessage());
        assertTrue(
                cost <= 2L * bytes.length + OVERHEAD,
                what + ": refusing a " + bytes.length + "-byte file allocated " + cost + " bytes");
    }

    private static void st(String what, String header, int dataBytes, String expected) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        refused(what, b.array(), x -> SafeTensors.load(x, "m.safetensors"), expected);
    }

    /** An IDX header: the magic, then the ints (dims, or dims and data bytes packed as ints). */
    private static byte[] idx(int magic, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        return bytes.toByteArray();
    }

    private static void idx(String what, byte[] bytes, String expected) {
        refused(what, bytes, x -> Idx.read(x, "images-idx3-ubyte"), expected);
    }

    private static final String ONE = "{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}";

    @Test
    void hostileSafetensorsHeaders() {
        byte[] huge = new byte[16];
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MIN_VALUE);
        refused(
                "header length 2^63",
                huge,
                x -> SafeTensors.load(x, "m.safetensors"),
                "header length 9223372036854775808 is impossible");
        st(
                "F16",
                "{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}",
                2,
                "dtype 'F16' is not supported");
        st(
                "overlap",
                "{\"a\":" + ONE + ",\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[4,12]}}",
                16,
                "no gap or overlap");
        st(
                "offsets past the end",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}",
                8,
                "past the 8 bytes");
        st(
                "offsets 2^63-1",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,9223372036854775807]}}",
                8,
                "needs 8");
        st("reversed offsets", "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,0]}}", 8, "expected 0");
        st(
                "int overflow",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}",
                8,
                "too large");
        st(
                "zero size",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[0,0]}}",
                0,
                "expected a positive int");
        st(
                "float size",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1.0],\"data_offsets\":[0,8]}}",
                8,
                "expected a positive int");
        st(
                "exponent offset",
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8e0]}}",
                8,
                "two whole numbers");
        st("entry not an object", "{\"a\":[1,2]}", 0, "tensor 'a': expected an object");
        st("metadata not strings", "{\"__metadata__\":{\"a\":1}}", 0, "'a' is not a string");
        st("duplicate key", "{\"a\":" + ONE + ",\"a\":" + ONE + "}", 8, "Duplicate field 'a'");
        st("deep nesting", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", 0, "nesting depth");
        st("long number", "{\"a\":{\"dtype\":\"F64\",\"shape\":[" + "1".repeat(5000) + "]}}", 0, "Number value length");
        st("tokens after the object", "{\"a\":" + ONE + "} {}", 8, "Trailing token");
        byte[] latin1 = "{\"\u00e9\":1}".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(8 + latin1.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(latin1.length)
                .put(latin1);
        refused("invalid UTF-8", b.array(), x -> SafeTensors.load(x, "m.safetensors"), "not valid UTF-8");
    }

    /** A header of {@code bytes} bytes of tiny entries {@code "k":"",} (or tensors of one value). */
    private static String tiny(int bytes, boolean tensors) {
        StringBuilder sb = new StringBuilder(tensors ? "{" : "{\"__metadata__\":{");
        for (int i = 0; sb.length() < bytes - 200; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(Integer.toString(i, 36))
                    .append('"');
            sb.append(
                    tensors
                            ? ":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[" + 8L * i + "," + 8L * (i + 1)
                                    + "]}"
                            : ":\"\"");
        }
        return sb.append(tensors ? "}" : "}}").toString();
    }

    @Test
    void sixteenMegabytesOfTinyEntriesCostAboutTheirOwnSize() {
        // 1.6 million metadata entries took about 450 MB as one tree of JSON nodes
        st("16 MB of tiny metadata entries", tiny(16_000_000, false), 0, "__metadata__ holds more than 4096 entries");
        String tensors = tiny(16_000_000, true);
        int count = tensors.split("dtype", -1).length - 1;
        st("16 MB of one-value tensors", tensors, 8 * count, "header names more than 2048 tensors");
        // the fewest bytes that name more tensors than allowed
        String few = tiny(2049 * 90, true);
        st(
                "2049 one-value tensors",
                few,
                8 * (few.split("dtype", -1).length - 1),
                "header names more than 2048 tensors");
    }

    @Test
    void hostileIdxHeaders() throws IOException {
        idx("2^31-1 images", idx(0x00000803, Integer.MAX_VALUE, 28, 28), "announces more than");
        idx("2^30 bytes in a 16-byte file", idx(0x00000801, 1 << 30), "only 0 follow the header");
        idx("negative dimension", idx(0x00000803, 10, -28, 28), "dimension 1 is -28");
        idx("zero dimension", idx(0x00000803, 0, 28, 28), "dimension 0 is 0");
        idx("rank 255", idx(0x000008ff, 1), "has 255 dimensions");
        // a gzip of 200 KB of noise that claims 200 MB: within deflate's 1032:1, so only reading can tell
        byte[] noise = new byte[200_000];
        new Random(1).nextBytes(noise);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(idx(0x00000801, 200_000_000));
            out.write(noise);
        }
        idx(
                "gzip claiming 1000 times its size",
                gz.toByteArray(),
                "truncated: announces 200000000 bytes of data, holds 200000");
    }

    @AfterAll
    static void report() {
        long max = ALLOCATED.values().stream().mapToLong(Long::longValue).max().orElse(0);
        String worst = ALLOCATED.entrySet().stream()
                .filter(e -> e.getValue() == max)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("");
        System.out.printf(
                "HostileFilesTest: %d hostile files refused; the most any refusal allocated: %d bytes (%s)%n",
                ALLOCATED.size(), max, worst);
    }
}

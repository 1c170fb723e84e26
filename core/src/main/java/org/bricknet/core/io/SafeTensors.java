package org.bricknet.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Tensor;

/**
 * Tensors in the safetensors format: an 8-byte little-endian header length {@code n}, {@code n}
 * bytes of JSON (padded with spaces to a multiple of 8) naming each tensor's {@code dtype}
 * ({@code F64} when bricknet writes; {@code F64}, {@code F32} or {@code I64} read, each element
 * held exactly as a double, as PyTorch's {@code safetensors.torch.save_file} writes float32 weights
 * and BatchNorm's int64 {@code num_batches_tracked}), {@code shape} and {@code data_offsets}
 * {@code [begin, end)} into the data that follows, and a {@code __metadata__} object of strings;
 * then the raw little-endian data.
 *
 * <p>Loading checks everything before it allocates a tensor: the header length against
 * {@link #MAX_HEADER} and the file size, the JSON (depth, number length, duplicate keys, UTF-8;
 * see {@link SafeTensorsHeader}), each entry's form, each dtype, each shape's product, and that
 * the offsets tile the data region exactly (in order, no gap, no overlap, no byte left over). So
 * the memory a file can make the loader take is bounded by its own size plus the header limit.
 * Any failure is a {@link BadFileException} naming the file and the field. Java serialization is
 * never used.
 */
public final class SafeTensors {
    /** The largest JSON header accepted: 16 MiB, far more than any model's names and shapes need. */
    public static final long MAX_HEADER = 16L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Doubles read at a time: a tensor is read into its array in pieces, never through a buffer of its size. */
    private static final int CHUNK = 8192;

    /** What a file holds: named tensors in file order, and string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    /** Random access to the bytes being read: a file channel or an array. */
    private interface Source {
        long size() throws IOException;

        ByteBuffer read(long position, int length) throws IOException;
    }

    private SafeTensors() {}

    /** Writes the tensors (in map order) and metadata to {@code file}, atomically. */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> write(out, header, tensors));
    }

    /** The bytes {@link #save} would write. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, header(tensors, metadata), tensors);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("SafeTensors: '__metadata__' cannot name a tensor");
            }
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F64");
            ArrayNode shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 8L * e.getValue().size();
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        try {
            return JSON.writeValueAsBytes(header);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("SafeTensors: cannot write the header", e);
        }
    }

    private static void write(OutputStream out, byte[] json, Map<String, Tensor> tensors) throws IOException {
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(len.array());
        out.write(json);
        for (int i = json.length; i < padded; i++) {
            out.write(' ');
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            for (double v : t.data()) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putDouble(v);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** The elements of one tensor as doubles: F32 widened exactly, I64 refused beyond ±2^53. */
    /** Elements {@code [at, at + count)} of tensor {@code e}, from {@code buf}, into {@code d}. */
    private static void decode(ByteBuffer buf, SafeTensorsHeader.Entry e, String name, double[] d, int at, int count)
            throws BadFileException {
        switch (e.dtype()) {
            case "F32" -> {
                for (int i = 0; i < count; i++) {
                    d[at + i] = buf.getFloat(4 * i);
                }
            }
            case "I64" -> {
                for (int i = 0; i < count; i++) {
                    long v = buf.getLong(8 * i);
                    if (v > (1L << 53) || v < -(1L << 53)) {
                        throw new BadFileException(
                                name,
                                "tensor '" + e.key() + "': I64 value " + v + " at element " + (at + i)
                                        + " is beyond 2^53 and cannot be held exactly as a double");
                    }
                    d[at + i] = v;
                }
            }
            default -> buf.asDoubleBuffer().get(d, at, count);
        }
    }

    /** Reads and checks a file written by {@link #save}, or any F64, F32 or I64 safetensors file. */
    public static Contents load(Path file) throws IOException {
        String name = file.toString();
        FileChecks.requireReadableFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return load(
                    new Source() {
                        @Override
                        public long size() throws IOException {
                            return ch.size();
                        }

                        @Override
                        public ByteBuffer read(long position, int length) throws IOException {
                            ByteBuffer buf = ByteBuffer.allocate(length);
                            while (buf.hasRemaining()) {
                                if (ch.read(buf, position + buf.position()) < 0) {
                                    throw new BadFileException(
                                            name,
                                            "truncated at byte " + (position + buf.position())
                                                    + " (the file shrank while it was read)");
                                }
                            }
                            return buf.flip();
                        }
                    },
                    name);
        }
    }

    /** Reads and checks the bytes of a safetensors file held in memory; {@code name} names it in errors. */
    public static Contents load(byte[] bytes, String name) throws BadFileException {
        try {
            return load(
                    new Source() {
                        @Override
                        public long size() {
                            return bytes.length;
                        }

                        @Override
                        public ByteBuffer read(long position, int length) {
                            return ByteBuffer.wrap(bytes, (int) position, length)
                                    .slice();
                        }
                    },
                    name);
        } catch (BadFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading an array cannot fail", e);
        }
    }

    private static Contents load(Source src, String name) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new BadFileException(name, "truncated: " + size + " bytes, shorter than the 8-byte header length");
        }
        long n = src.read(0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER || n > size - 8) {
            throw new BadFileException(
                    name,
                    "header length " + Long.toUnsignedString(n) + " is impossible for a file of " + size
                            + " bytes (limit " + MAX_HEADER + ")");
        }
        org.bricknet.core.data.Memory.require(2 * n, name + " (a header of " + n + " bytes)");
        byte[] headerBytes = new byte[(int) n];
        src.read(8, (int) n).get(headerBytes);
        long dataStart = 8 + n;
        SafeTensorsHeader header = new SafeTensorsHeader(headerBytes, size - dataStart, name);
        org.bricknet.core.data.Memory.require(
                size - dataStart,
                name + " (" + header.entries.size() + " tensors of " + (size - dataStart) + " bytes)");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (SafeTensorsHeader.Entry e : header.entries) {
            int width = e.dtype().equals("F32") ? 4 : 8;
            double[] d = new double[(int) ((e.end() - e.begin()) / width)];
            for (int done = 0; done < d.length; ) {
                int part = Math.min(d.length - done, CHUNK);
                ByteBuffer buf = src.read(dataStart + e.begin() + (long) width * done, width * part)
                        .order(ByteOrder.LITTLE_ENDIAN);
                decode(buf, e, name, d, done, part);
                done += part;
            }
            tensors.put(e.key(), Tensor.of(d, e.shape()));
        }
        return new Contents(tensors, header.metadata);
    }
}

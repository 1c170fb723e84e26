package org.bricknet.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Tensor;

/**
 * Tensors in the safetensors format: an 8-byte little-endian header length {@code n}, {@code n}
 * bytes of JSON (padded with spaces to a multiple of 8) naming each tensor's {@code dtype}
 * ({@code F64} here), {@code shape} and {@code data_offsets} {@code [begin, end)} into the data
 * that follows, and a {@code __metadata__} object of strings; then the raw little-endian data.
 *
 * <p>Loading checks everything before it allocates a tensor: the header length against
 * {@link #MAX_HEADER} and the file size, the JSON, each dtype, each shape's product, and that the
 * offsets tile the data region exactly (in order, no gap, no overlap, no byte left over). Any
 * failure is a {@link BadFileException} naming the file and the field. Java serialization is
 * never used.
 */
public final class SafeTensors {
    /** The largest JSON header accepted: 16 MiB, far more than any model's names and shapes need. */
    public static final long MAX_HEADER = 16L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a file holds: named tensors in file order, and string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private SafeTensors() {
    }

    /** Writes the tensors (in map order) and metadata to {@code file}, atomically. */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
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
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        AtomicFiles.write(file, out -> {
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
        });
    }

    /** Reads and checks a file written by {@link #save} (or any F64 safetensors file). */
    public static Contents load(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new BadFileException(name, "no such file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new BadFileException(name, "truncated: " + size + " bytes, shorter than the 8-byte header length");
            }
            long n = readFully(ch, 8, 0, name).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 2 || n > MAX_HEADER || n > size - 8) {
                throw new BadFileException(name, "header length " + Long.toUnsignedString(n)
                        + " is impossible for a file of " + size + " bytes (limit " + MAX_HEADER + ")");
            }
            byte[] headerBytes = readFully(ch, (int) n, 8, name).array();
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new BadFileException(name, "header is not valid JSON (" + e.getOriginalMessage() + ")", e);
            }
            if (header == null || !header.isObject()) {
                throw new BadFileException(name, "header is not a JSON object");
            }
            long dataStart = 8 + n;
            Map<String, String> metadata = metadata(header.get("__metadata__"), name);
            Map<String, long[]> offsets = new LinkedHashMap<>();
            Map<String, int[]> shapes = new LinkedHashMap<>();
            long expected = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                String key = e.getKey();
                JsonNode t = e.getValue();
                String dtype = t.path("dtype").asText("");
                if (!dtype.equals("F64")) {
                    throw new BadFileException(name, "tensor '" + key + "': dtype '" + dtype + "' is not supported; expected F64");
                }
                int[] shape = shape(t.get("shape"), key, name);
                long count = 1;
                for (int d : shape) {
                    count *= d;
                }
                JsonNode off = t.get("data_offsets");
                if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong()
                        || !off.get(1).canConvertToLong()) {
                    throw new BadFileException(name, "tensor '" + key + "': data_offsets must be [begin, end]");
                }
                long begin = off.get(0).asLong();
                long end = off.get(1).asLong();
                if (begin != expected) {
                    throw new BadFileException(name, "tensor '" + key + "': data_offsets start at " + begin
                            + "; expected " + expected + " (tensors must follow one another with no gap or overlap)");
                }
                if (end - begin != 8 * count) {
                    throw new BadFileException(name, "tensor '" + key + "': data_offsets [" + begin + ", " + end
                            + ") hold " + (end - begin) + " bytes; shape " + Tensor.shapeString(shape) + " of F64 needs " + 8 * count);
                }
                if (end > size - dataStart) {
                    throw new BadFileException(name, "tensor '" + key + "': data_offsets end at " + end
                            + ", past the " + (size - dataStart) + " bytes of data (truncated)");
                }
                expected = end;
                offsets.put(key, new long[] {begin, end});
                shapes.put(key, shape);
            }
            if (expected != size - dataStart) {
                throw new BadFileException(name, (size - dataStart - expected) + " bytes after the last tensor's data");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : offsets.entrySet()) {
                long[] o = e.getValue();
                ByteBuffer buf = readFully(ch, (int) (o[1] - o[0]), dataStart + o[0], name).order(ByteOrder.LITTLE_ENDIAN);
                double[] d = new double[(int) ((o[1] - o[0]) / 8)];
                buf.asDoubleBuffer().get(d);
                tensors.put(e.getKey(), Tensor.of(d, shapes.get(e.getKey())));
            }
            return new Contents(tensors, metadata);
        }
    }

    private static Map<String, String> metadata(JsonNode meta, String name) throws BadFileException {
        Map<String, String> out = new LinkedHashMap<>();
        if (meta == null) {
            return out;
        }
        if (!meta.isObject()) {
            throw new BadFileException(name, "__metadata__ must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new BadFileException(name, "__metadata__ '" + e.getKey() + "' is not a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static int[] shape(JsonNode node, String key, String name) throws BadFileException {
        if (node == null || !node.isArray()) {
            throw new BadFileException(name, "tensor '" + key + "': shape must be an array of sizes");
        }
        int[] shape = new int[node.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToInt() || d.asInt() <= 0) {
                throw new BadFileException(name, "tensor '" + key + "': shape size " + i + " is " + d
                        + "; expected a positive int");
            }
            shape[i] = d.asInt();
            count *= shape[i];
            if (count > (Integer.MAX_VALUE - 8) / 8) {
                throw new BadFileException(name, "tensor '" + key + "': shape " + node + " is too large");
            }
        }
        return shape;
    }

    private static ByteBuffer readFully(FileChannel ch, int length, long position, String name) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new BadFileException(name, "truncated at byte " + (position + buf.position()));
            }
        }
        buf.flip();
        return buf;
    }
}

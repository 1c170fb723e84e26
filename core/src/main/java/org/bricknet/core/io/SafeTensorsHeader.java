package org.bricknet.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.Tensor;

/**
 * The JSON header of a safetensors file, parsed and checked field by field before any tensor is
 * allocated. The JSON parser itself is bounded: nesting at most {@link #MAX_DEPTH} deep, numbers
 * at most {@link #MAX_NUMBER_LENGTH} digits, no duplicate keys, nothing after the closing brace
 * but the padding spaces, and the bytes must be valid UTF-8.
 *
 * <p>Memory: the header is read as a stream of tokens, one tensor entry at a time, never as one
 * tree of the whole header; at most {@link #MAX_TENSORS} tensors and {@link #MAX_METADATA}
 * metadata entries are accepted. A header of millions of tiny entries is refused after the first
 * few thousand instead of taking hundreds of bytes of objects per entry (450 MB for 16 MB of
 * header), so reading a header costs about its own size.
 */
final class SafeTensorsHeader {
    /** The deepest JSON nesting accepted; a bricknet header is 3 deep. */
    static final int MAX_DEPTH = 16;
    /** The longest JSON number accepted, in characters. */
    static final int MAX_NUMBER_LENGTH = 24;
    /** The most tensors a file may hold: a model's state has tens, a checkpoint's hundreds (an mlp of 64 layers with batch norm and Adam, about 900). */
    static final int MAX_TENSORS = 2048;
    /** The most metadata entries a file may hold: bricknet writes about twenty. */
    static final int MAX_METADATA = 4096;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength((int) SafeTensors.MAX_HEADER)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    /** One tensor's entry: its name, dtype, shape and byte range {@code [begin, end)} in the data region. */
    record Entry(String key, String dtype, int[] shape, long begin, long end) {}

    final List<Entry> entries = new ArrayList<>();
    final Map<String, String> metadata = new LinkedHashMap<>();

    /**
     * Parses {@code bytes} as a header whose data region holds {@code dataBytes} bytes: each
     * tensor's offsets must follow the previous one's with no gap or overlap and the last must end
     * exactly at {@code dataBytes}.
     */
    SafeTensorsHeader(byte[] bytes, long dataBytes, String name) throws BadFileException {
        requireUtf8(bytes, name);
        long expected = 0;
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadFileException(name, "header is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (key.equals("__metadata__")) {
                    readMetadata(p, name);
                    continue;
                }
                if (entries.size() == MAX_TENSORS) {
                    throw new BadFileException(name, "header names more than " + MAX_TENSORS + " tensors");
                }
                Entry entry = entry(key, p.readValueAsTree(), expected, dataBytes, name);
                entries.add(entry);
                expected = entry.end();
            }
            if (p.nextToken() != null) {
                throw new BadFileException(
                        name, "header is not valid JSON (Trailing token (" + p.currentToken() + ") after the object)");
            }
        } catch (JsonProcessingException e) {
            throw new BadFileException(name, "header is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (BadFileException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new BadFileException(name, "header cannot be read (" + e.getMessage() + ")", e);
        }
        if (expected != dataBytes) {
            throw new BadFileException(name, (dataBytes - expected) + " bytes after the last tensor's data");
        }
    }

    /** Checks that {@code bytes} are UTF-8, decoding them a chunk at a time (nothing of their size is made). */
    private static void requireUtf8(byte[] bytes, String name) throws BadFileException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(1 << 14);
        while (true) {
            java.nio.charset.CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                throw new BadFileException(name, "header is not valid UTF-8");
            }
            out.clear();
            if (r.isUnderflow()) {
                break;
            }
        }
        java.nio.charset.CoderResult end = decoder.flush(out);
        if (end.isError()) {
            throw new BadFileException(name, "header is not valid UTF-8");
        }
    }

    private static Entry entry(String key, JsonNode t, long expected, long dataBytes, String name)
            throws BadFileException {
        String where = "tensor '" + key + "'";
        if (!t.isObject()) {
            throw new BadFileException(
                    name, where + ": expected an object {dtype, shape, data_offsets}, got " + t.getNodeType());
        }
        JsonNode dt = t.get("dtype");
        int width = dt == null || !dt.isTextual() ? 0 : width(dt.asText());
        if (width == 0) {
            String got = dt == null ? "missing" : dt.isTextual() ? "'" + dt.asText() + "'" : dt.toString();
            throw new BadFileException(name, where + ": dtype " + got + " is not supported; expected F64, F32 or I64");
        }
        String dtype = dt.asText();
        int[] shape = shape(t.get("shape"), where, name);
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        JsonNode off = t.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2 || !whole(off.get(0)) || !whole(off.get(1))) {
            throw new BadFileException(
                    name, where + ": data_offsets must be [begin, end], two whole numbers; got " + off);
        }
        long begin = off.get(0).asLong();
        long end = off.get(1).asLong();
        if (begin != expected) {
            throw new BadFileException(
                    name,
                    where + ": data_offsets start at " + begin + "; expected " + expected
                            + " (tensors must follow one another with no gap or overlap)");
        }
        if (end < begin || end - begin != width * count) {
            throw new BadFileException(
                    name,
                    where + ": data_offsets [" + begin + ", " + end + ") hold " + (end - begin) + " bytes; shape "
                            + Tensor.shapeString(shape) + " of " + dtype + " needs " + width * count);
        }
        if (end > dataBytes) {
            throw new BadFileException(
                    name,
                    where + ": data_offsets end at " + end + ", past the " + dataBytes + " bytes of data (truncated)");
        }
        return new Entry(key, dtype, shape, begin, end);
    }

    /** Bytes per element of the dtypes read (each held as a double), or 0 for any other. */
    private static int width(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32" -> 4;
            default -> 0;
        };
    }

    private static boolean whole(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong();
    }

    /** Reads {@code __metadata__}, the parser on its value: an object of at most {@link #MAX_METADATA} strings. */
    private void readMetadata(JsonParser p, String name) throws java.io.IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            JsonNode value = p.readValueAsTree();
            throw new BadFileException(name, "__metadata__ must be an object of strings, got " + value.getNodeType());
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new BadFileException(name, "__metadata__ '" + key + "' is not a string");
            }
            if (metadata.size() == MAX_METADATA) {
                throw new BadFileException(name, "__metadata__ holds more than " + MAX_METADATA + " entries");
            }
            metadata.put(key, p.getText());
        }
    }

    private static int[] shape(JsonNode node, String where, String name) throws BadFileException {
        if (node == null || !node.isArray()) {
            throw new BadFileException(name, where + ": shape must be an array of sizes");
        }
        if (node.size() > 8) {
            throw new BadFileException(
                    name, where + ": shape has " + node.size() + " dimensions; at most 8 are accepted");
        }
        int[] shape = new int[node.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() <= 0) {
                throw new BadFileException(
                        name, where + ": shape size " + i + " is " + d + "; expected a positive int");
            }
            shape[i] = d.asInt();
            count *= shape[i];
            if (count > (Integer.MAX_VALUE - 8) / 8) {
                throw new BadFileException(name, where + ": shape " + node + " is too large");
            }
        }
        return shape;
    }
}

package org.bricknet.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.Tensor;

/**
 * The JSON header of a safetensors file, parsed and checked field by field before any tensor is
 * allocated. The JSON parser itself is bounded: nesting at most {@link #MAX_DEPTH} deep, numbers
 * at most {@link #MAX_NUMBER_LENGTH} digits, no duplicate keys, nothing after the closing brace
 * but the padding spaces, and the bytes must be valid UTF-8.
 */
final class SafeTensorsHeader {
    /** The deepest JSON nesting accepted; a bricknet header is 3 deep. */
    static final int MAX_DEPTH = 16;
    /** The longest JSON number accepted, in characters. */
    static final int MAX_NUMBER_LENGTH = 24;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxStringLength((int) SafeTensors.MAX_HEADER)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        JsonNode header;
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            header = JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw new BadFileException(name, "header is not valid UTF-8", e);
        } catch (JsonProcessingException e) {
            throw new BadFileException(name, "header is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (header == null || !header.isObject()) {
            throw new BadFileException(name, "header is not a JSON object");
        }
        readMetadata(header.get("__metadata__"), name);
        long expected = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                Entry entry = entry(e.getKey(), e.getValue(), expected, dataBytes, name);
                entries.add(entry);
                expected = entry.end();
            }
        }
        if (expected != dataBytes) {
            throw new BadFileException(name, (dataBytes - expected) + " bytes after the last tensor's data");
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

    private void readMetadata(JsonNode meta, String name) throws BadFileException {
        if (meta == null) {
            return;
        }
        if (!meta.isObject()) {
            throw new BadFileException(name, "__metadata__ must be an object of strings, got " + meta.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new BadFileException(name, "__metadata__ '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), e.getValue().asText());
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

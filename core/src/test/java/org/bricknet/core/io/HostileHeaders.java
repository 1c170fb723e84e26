package org.bricknet.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Rewrites a safetensors file's JSON header with one hostile change: a value (dtype, a shape
 * size, an offset, a metadata string, a whole entry) replaced by a raw JSON token from
 * {@link #TOKENS}, a key renamed or duplicated, or an entry dropped. The header length is set to
 * the new JSON's length, the data region is kept.
 */
final class HostileHeaders {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLE = "@@HOLE@@";

    static final List<String> TOKENS = List.of(
            "-1",
            "0",
            "1",
            "8",
            "16",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "18446744073709551616",
            "1e3",
            "8.0",
            "1.5",
            "-0",
            "1E400",
            "0.0000001",
            "null",
            "true",
            "\"F64\"",
            "\"F32\"",
            "\"BF16\"",
            "\"\"",
            "[]",
            "{}",
            "[1,2,3]",
            "[0,8]",
            "[8,0]",
            "[-8,0]",
            "[0,9223372036854775807]",
            "[65536,65536]",
            "[2147483647,2147483647]",
            "[46341,46341]",
            "[1,1,1,1,1,1,1,1,1,1,1,1]",
            "{\"a\":1}",
            "\"\\ud800\"",
            "1".repeat(100),
            "[" + "[".repeat(40) + "]".repeat(40) + "]",
            "[".repeat(3000) + "]".repeat(3000),
            "{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}",
            "{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"dtype\":\"F32\"}");

    private HostileHeaders() {}

    static byte[] mutate(byte[] file, Random r) {
        int n = (int) ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header;
        try {
            header = JSON.readTree(new String(file, 8, n, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a file written by SafeTensors", e);
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(header, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        String token = TOKENS.get(r.nextInt(TOKENS.size()));
        int kind = r.nextInt(10);
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            String key = keys.get(r.nextInt(keys.size()));
            if (kind == 0) {
                o.remove(key);
            } else if (kind == 1) {
                o.set(key + "x", o.remove(key));
            } else {
                o.put(key, HOLE);
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            int i = r.nextInt(a.size());
            if (kind == 0) {
                a.remove(i);
            } else {
                a.set(i, a.textNode(HOLE));
            }
        }
        String text = header.toString().replace("\"" + HOLE + "\"", token);
        if (kind == 2 && text.length() > 2) {
            // a duplicate key: the first entry's text once more
            String first = text.substring(1, text.indexOf('}') + 1);
            text = "{" + first + "," + text.substring(1);
        }
        return rebuild(file, 8 + n, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    private static byte[] rebuild(byte[] file, int dataStart, byte[] json) {
        ByteBuffer b =
                ByteBuffer.allocate(8 + json.length + file.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).put(file, dataStart, file.length - dataStart);
        return b.array();
    }
}

package org.bricknet.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.AtomicFiles;
import org.bricknet.core.io.BadFileException;

/**
 * {@code network2.py}'s JSON files: {@code {"sizes": [784, 30, 10], "weights": [...], "biases":
 * [...], "cost": "CrossEntropyCost"}}, each weight matrix as rows of {@code (out, in)} (the
 * transpose of an Affine's {@code (in, out)}), each bias as a column of {@code (out, 1)}. Reading
 * checks every shape against {@code sizes} and every number before building anything.
 */
final class Network2Json {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 256L << 20;
    private static final int MAX_WIDTH = 1 << 16;

    private Network2Json() {}

    static void save(NielsenNetwork2 net, Path file) throws IOException {
        int[] sizes = net.sizes();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode s = root.putArray("sizes");
        for (int v : sizes) {
            s.add(v);
        }
        ArrayNode weights = root.putArray("weights");
        ArrayNode biases = root.putArray("biases");
        for (int i = 1; i < sizes.length; i++) {
            Tensor w = net.parameters().get("W" + i).value();
            Tensor b = net.parameters().get("b" + i).value();
            ArrayNode wi = weights.addArray();
            ArrayNode bi = biases.addArray();
            for (int o = 0; o < sizes[i]; o++) {
                ArrayNode row = wi.addArray();
                for (int in = 0; in < sizes[i - 1]; in++) {
                    row.add(w.get(in, o));
                }
                bi.addArray().add(b.get(o));
            }
        }
        root.put("cost", net.cost().pythonName());
        byte[] bytes = JSON.writeValueAsBytes(root);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static NielsenNetwork2 load(Path file) throws IOException {
        String name = file.toString();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new BadFileException(name, "is " + size + " bytes; a network2 file is at most " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadFileException(name, "is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new BadFileException(name, "expected a JSON object with sizes, weights, biases and cost");
        }
        NielsenNetwork2.Cost cost = cost(root.path("cost"), name);
        JsonNode s = root.path("sizes");
        if (!s.isArray() || s.size() < 2) {
            throw new BadFileException(name, "'sizes' must be an array of at least two layer sizes");
        }
        int[] sizes = new int[s.size()];
        for (int i = 0; i < sizes.length; i++) {
            if (!s.get(i).isInt() || s.get(i).asInt() < 1 || s.get(i).asInt() > MAX_WIDTH) {
                throw new BadFileException(
                        name,
                        "'sizes'[" + i + "] is " + s.get(i) + "; expected a whole number in [1, " + MAX_WIDTH + "]");
            }
            sizes[i] = s.get(i).asInt();
        }
        JsonNode weights = layers(root, "weights", sizes.length - 1, name);
        JsonNode biases = layers(root, "biases", sizes.length - 1, name);
        Tensor[][] wb = new Tensor[sizes.length - 1][];
        for (int i = 1; i < sizes.length; i++) {
            String where = "'weights'[" + (i - 1) + "]";
            Tensor w = Tensor.zeros(sizes[i - 1], sizes[i]);
            JsonNode rows = matrix(weights.get(i - 1), sizes[i], sizes[i - 1], where, name);
            for (int o = 0; o < sizes[i]; o++) {
                for (int in = 0; in < sizes[i - 1]; in++) {
                    w.set(rows.get(o).get(in).asDouble(), in, o);
                }
            }
            Tensor b = Tensor.zeros(sizes[i]);
            JsonNode column = matrix(biases.get(i - 1), sizes[i], 1, "'biases'[" + (i - 1) + "]", name);
            for (int o = 0; o < sizes[i]; o++) {
                b.set(column.get(o).get(0).asDouble(), o);
            }
            wb[i - 1] = new Tensor[] {w, b};
        }
        return new NielsenNetwork2(cost, sizes, wb);
    }

    private static NielsenNetwork2.Cost cost(JsonNode c, String name) throws BadFileException {
        for (NielsenNetwork2.Cost k : NielsenNetwork2.Cost.values()) {
            if (k.pythonName().equals(c.asText(null))) {
                return k;
            }
        }
        throw new BadFileException(name, "'cost' is " + c + "; expected \"CrossEntropyCost\" or \"QuadraticCost\"");
    }

    private static JsonNode layers(JsonNode root, String key, int count, String name) throws BadFileException {
        JsonNode a = root.path(key);
        if (!a.isArray() || a.size() != count) {
            throw new BadFileException(name, "'" + key + "' must be an array of " + count + " layers, as 'sizes' says");
        }
        return a;
    }

    /** {@code node} must be {@code rows} arrays of {@code cols} finite numbers. */
    private static JsonNode matrix(JsonNode node, int rows, int cols, String where, String name)
            throws BadFileException {
        if (!node.isArray() || node.size() != rows) {
            throw new BadFileException(name, where + " must have " + rows + " rows, as 'sizes' says");
        }
        for (int r = 0; r < rows; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray() || row.size() != cols) {
                throw new BadFileException(name, where + "[" + r + "] must have " + cols + " numbers, as 'sizes' says");
            }
            for (int c = 0; c < cols; c++) {
                if (!row.get(c).isNumber() || !Double.isFinite(row.get(c).asDouble())) {
                    throw new BadFileException(
                            name, where + "[" + r + "][" + c + "] is " + row.get(c) + "; expected a finite number");
                }
            }
        }
        return node;
    }
}

package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bricknet.core.Tensor;

/**
 * Reference values computed once by PyTorch or NumPy and committed as JSON beside the script that
 * made them; read here and compared to a relative 1e-12: each element within 1e-12 of the largest
 * magnitude in its tensor (an element near 0 in a tensor of values near 1 is judged at the
 * tensor's scale, where rounding happens).
 */
public final class Reference {
    public static final double RELATIVE = 1e-12;

    private Reference() {}

    /** The JSON resource {@code name} next to {@code near}'s package. */
    public static JsonNode read(String name) {
        try (InputStream in = Reference.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static List<JsonNode> cases(JsonNode fixture) {
        List<JsonNode> all = new ArrayList<>();
        fixture.get("cases").forEach(all::add);
        return all;
    }

    public static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    public static int[] ints(JsonNode array) {
        int[] d = new int[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asInt();
        }
        return d;
    }

    public static Tensor tensor(JsonNode values, int... shape) {
        return Tensor.of(doubles(values), shape);
    }

    public static void assertClose(JsonNode expected, double[] actual, String where) {
        assertClose(doubles(expected), actual, where);
    }

    public static void assertClose(double[] expected, double[] actual, String where) {
        assertEquals(expected.length, actual.length, where + ": length");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            assertTrue(
                    err <= RELATIVE * scale,
                    where + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (off by " + err / scale
                            + " of the largest value)");
        }
    }
}

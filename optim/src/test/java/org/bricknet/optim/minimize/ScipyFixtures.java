package org.bricknet.optim.minimize;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The reference numbers scipy 1.10.1 gives, from {@code scipy_fixtures.json}, which
 * {@code make_fixtures.py} beside it writes (see that script for what each entry is).
 */
final class ScipyFixtures {
    private static final JsonNode ROOT = load();

    private ScipyFixtures() {}

    private static JsonNode load() {
        try (InputStream in = ScipyFixtures.class.getResourceAsStream("scipy_fixtures.json")) {
            if (in == null) {
                throw new IllegalStateException("scipy_fixtures.json is missing from the test resources");
            }
            // Python's json writes NaN and Infinity as bare words
            return JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .build()
                    .readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A section ("rosenbrock", "decay", "scalar") and entry of the file. */
    static JsonNode get(String section, String entry) {
        JsonNode node = ROOT.path(section).path(entry);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("no fixture " + section + "/" + entry);
        }
        return node;
    }

    static JsonNode section(String section) {
        return ROOT.path(section);
    }

    static double[] vector(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    static double[][] matrix(JsonNode array) {
        double[][] m = new double[array.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(array.get(i));
        }
        return m;
    }
}

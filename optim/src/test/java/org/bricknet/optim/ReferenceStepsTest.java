package org.bricknet.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Five steps of every rule in every convention against its source, computed once by
 * {@code conventions/optimizers.py} (PyTorch 1.13's {@code torch.optim} in float64, and the book's
 * own {@code common/optimizer.py} in NumPy) and committed as {@code conventions/optimizers.json}.
 * Each case names the optimizer and the hyperparameters {@link Optimizers#create(String, double,
 * Map)} builds it from; every parameter after every step must match to a relative 1e-12. The
 * gradients are the script's {@code scale·(a·(w − c) + 0.1·w³)}, at normal size and at 1e-6 (where
 * the conventions' ε decide the step).
 */
class ReferenceStepsTest {
    private static final double RELATIVE = 1e-12;
    private static final JsonNode FIXTURE = read();

    private static JsonNode read() {
        try (InputStream in = ReferenceStepsTest.class.getResourceAsStream("conventions/optimizers.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<JsonNode> cases() {
        List<JsonNode> all = new ArrayList<>();
        FIXTURE.get("cases").forEach(all::add);
        assertTrue(all.size() >= 40, "the fixture holds every case");
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fiveStepsMatchTheSource(JsonNode c) {
        Map<String, String> hyper = new LinkedHashMap<>();
        c.get("hyper")
                .fields()
                .forEachRemaining(e -> hyper.put(e.getKey(), e.getValue().asText()));
        Optimizer opt =
                Optimizers.create(c.get("optimizer").asText(), c.get("lr").asDouble(), hyper);
        Parameter w = new Parameter("W", Tensor.of(doubles(FIXTURE.get("W0")), 2, 3));
        Parameter b = new Parameter("b", Tensor.of(doubles(FIXTURE.get("b0")), 3));
        Map<String, Parameter> params = new LinkedHashMap<>();
        params.put("W", w);
        params.put("b", b);
        double scale = c.get("scale").asDouble();
        int step = 0;
        for (JsonNode expected : c.get("steps")) {
            step++;
            fillGradient(w, doubles(FIXTURE.get("a_W")), doubles(FIXTURE.get("c_W")), scale);
            fillGradient(b, doubles(FIXTURE.get("a_b")), doubles(FIXTURE.get("c_b")), scale);
            opt.step(params);
            String where = c.get("name").asText() + " (" + c.get("source").asText() + "), step " + step;
            assertClose(doubles(expected.get("W")), w.value().data(), where + ", W");
            assertClose(doubles(expected.get("b")), b.value().data(), where + ", b");
        }
        assertEquals(5, step);
    }

    /** The script's gradient, element by element in its order: {@code scale·(a·(w − c) + 0.1·w·w·w)}. */
    private static void fillGradient(Parameter p, double[] a, double[] c, double scale) {
        double[] w = p.value().data();
        double[] g = p.grad().data();
        for (int i = 0; i < w.length; i++) {
            g[i] = scale * (a[i] * (w[i] - c[i]) + 0.1 * w[i] * w[i] * w[i]);
        }
    }

    private static void assertClose(double[] expected, double[] actual, String where) {
        assertEquals(expected.length, actual.length, where);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]) / Math.abs(expected[i]);
            assertTrue(
                    err <= RELATIVE,
                    where + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (relative " + err + ")");
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }
}

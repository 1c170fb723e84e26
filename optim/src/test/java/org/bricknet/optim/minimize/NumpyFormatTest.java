package org.bricknet.optim.minimize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Numbers and results printed as Python, NumPy and scipy print them, against their own output. */
class NumpyFormatTest {

    @Test
    void reprIsPythons() {
        for (JsonNode c : ScipyFixtures.section("numpy").get("repr")) {
            assertEquals(c.get(1).asText(), NumpyFormat.repr(c.get(0).asDouble()), c.toString());
        }
    }

    @Test
    void scientificWithThreeDigitsIsNumpys() {
        for (JsonNode c : ScipyFixtures.section("numpy").get("scientific3")) {
            assertEquals(c.get(1).asText(), NumpyFormat.scientific3(c.get(0).asDouble()), c.toString());
        }
    }

    @Test
    void arraysAndMatricesPrintAsNumpys() {
        for (JsonNode c : ScipyFixtures.section("numpy").get("array")) {
            assertEquals(c.get(1).asText(), NumpyFormat.array(ScipyFixtures.vector(c.get(0))), c.toString());
        }
        for (JsonNode c : ScipyFixtures.section("numpy").get("matrix")) {
            assertEquals(c.get(1).asText(), NumpyFormat.matrix(ScipyFixtures.matrix(c.get(0))), c.toString());
        }
    }

    /** scipy's own printout of Newton-CG results, rebuilt from the fields it printed (2, 10 and 20 values). */
    @Test
    void aResultPrintsAsScipysOptimizeResult() {
        for (String name : new String[] {"newton-cg-hessp-2", "newton-cg-hessp-10", "newton-cg-hessp-20"}) {
            JsonNode s = ScipyFixtures.get("printed", name);
            OptimizeResult r = new OptimizeResult(
                    ScipyFixtures.vector(s.get("x")),
                    s.get("fun").asDouble(),
                    ScipyFixtures.vector(s.get("jac")),
                    s.get("nit").asInt(),
                    s.get("nfev").asInt(),
                    s.get("njev").asInt(),
                    s.get("nhev").asInt(),
                    Status.SUCCESS,
                    "");
            assertEquals(s.get("str").asText(), r.toString(), name);
        }
    }
}

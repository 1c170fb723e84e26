package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.testing.Scale;
import org.junit.jupiter.api.Test;

/** A brick type's settings are checked by kind and range, with defaults; a user's type is registered in one call. */
class BrickTypeTest {
    private static final BrickType<Scale> SCALE = BrickType.of("TestScale", Scale.class)
            .integer("width", 1, 100)
            .number("low", -1, 1, 0.5)
            .text("note", "none", t -> {
                if (t.isBlank()) {
                    throw new IllegalArgumentException("expected some text, got none");
                }
            })
            .integers("seeds", 0, 9)
            .flag("fault", false)
            .create(s -> new Scale(s.integer("width"), new Random(s.integers("seeds")[0]), Scale.Fault.NONE))
            .parameters((s, in) -> Map.of("s", new int[] {s.integer("width")}))
            .build();

    private static String refused(Map<String, ?> given) {
        return assertThrows(IllegalArgumentException.class, () -> SCALE.settings(given))
                .getMessage();
    }

    @Test
    void settingsAreCheckedByKindAndRangeAndTakeTheirDefaults() {
        Settings s = SCALE.settings(Map.of("width", 3L, "seeds", List.of(1L, 2L)));
        assertEquals(3, s.integer("width"));
        assertEquals(0.5, s.number("low"));
        assertEquals("none", s.text("note"));
        assertArrayEquals(new int[] {1, 2}, s.integers("seeds"));
        assertEquals(false, s.flag("fault"));
        assertEquals("width 3, low 0.5, note none, seeds [1, 2], fault false", s.toString());
        assertEquals(s, SCALE.settings(Map.of("width", 3, "seeds", new int[] {1, 2}, "low", 0.5)));

        assertEquals("missing setting 'width' (a whole number)", refused(Map.of("seeds", List.of(1L))));
        assertEquals(
                "setting 'width': expected a whole number in [1, 100], got 101",
                refused(Map.of("width", 101L, "seeds", List.of(1L))));
        assertEquals(
                "setting 'low': expected a number in [-1, 1], got \"half\"",
                refused(Map.of("width", 1L, "low", "half", "seeds", List.of(1L))));
        assertEquals(
                "setting 'seeds': expected a list of whole numbers in [0, 9], got [1, 10]",
                refused(Map.of("width", 1L, "seeds", List.of(1L, 10L))));
        assertEquals(
                "setting 'seeds': expected a list of whole numbers in [0, 9], got [] (1 to 1024 values)",
                refused(Map.of("width", 1L, "seeds", List.of())));
        assertEquals(
                "setting 'fault': expected true or false, got 1",
                refused(Map.of("width", 1L, "seeds", List.of(1L), "fault", 1L)));
        assertEquals(
                "setting 'note': expected some text, got none",
                refused(Map.of("width", 1L, "seeds", List.of(1L), "note", " ")));
        assertEquals(
                "unknown setting 'widht'; TestScale takes [width, low, note, seeds, fault]",
                refused(Map.of("widht", 1L)));
    }

    @Test
    void declarationsAreCheckedToo() {
        assertEquals(
                "BrickType: expected a name of letters, digits and '_' starting with a letter, got 'my type'",
                assertThrows(IllegalArgumentException.class, () -> BrickType.of("my type", Scale.class))
                        .getMessage());
        assertEquals(
                "BrickType T: expected a setting name in snake_case, got 'outSize'",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> BrickType.of("T", Scale.class).integer("outSize", 1, 2))
                        .getMessage());
        assertEquals(
                "TestScale cannot share another brick's parameters",
                assertThrows(IllegalArgumentException.class, () -> SCALE.share(null, null))
                        .getMessage());
    }

    @Test
    void aUsersTypeIsRegisteredInOneCallAndArchitecturesNameIt() throws Exception {
        BrickRegistry.register(SCALE);
        BrickRegistry.register(SCALE); // again: nothing changes
        assertSame(SCALE, BrickRegistry.standard().type("TestScale"));
        String json = "{\"inputs\": [{\"name\": \"x\", \"shape\": [3]}], \"nodes\": [{\"name\": \"s\", \"type\":"
                + " \"TestScale\", \"settings\": {\"width\": 3, \"seeds\": [4]}, \"takes\": [\"x\"]}], \"outputs\":"
                + " [\"s\"]}";
        Graph g = Architecture.parse(json, "test").build(new Random(1));
        assertEquals(List.of("s.s"), List.copyOf(g.state().keySet()));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BrickRegistry.register(
                        BrickType.of("TestScale", Scale.class).create(s -> null).build()));
        assertEquals(
                "BrickRegistry: a brick type named 'TestScale' is already registered (for"
                        + " org.bricknet.core.testing.Scale)",
                e.getMessage());
        assertEquals(
                "unknown brick type 'TestScael' (did you mean 'TestScale'?); known types: TestScale",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> BrickRegistry.of(List.of(SCALE)).type("TestScael"))
                        .getMessage());
    }
}

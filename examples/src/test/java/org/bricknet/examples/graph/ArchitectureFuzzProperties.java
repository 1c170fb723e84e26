package org.bricknet.examples.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.bricknet.core.contract.LayerContract;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BadFileException;

/**
 * Hostile architecture text: the shipped architectures cut, spliced, with numbers and names
 * replaced. Each case is read, or refused with a {@link BadFileException} that names where; nothing
 * else escapes (no other exception, no hang, no allocation beyond the limits). What is read builds,
 * when small enough to build in a test, and writes back to text that reads the same.
 */
@net.jqwik.api.Tag("slow")
class ArchitectureFuzzProperties {
    private static final List<String> TEXTS = List.of(read("residual-mlp.json"), read("branching-cnn.json"));
    private static final List<String> NUMBERS =
            List.of("0", "-1", "1", "3", "2147483648", "1e308", "NaN", "1.5", "65536", "[]", "[1, 1]", "null", "\"\"");
    private static final List<String> NAMES = List.of(
            "\"x\"",
            "\"in\"",
            "\"res1\"",
            "\"residual\"",
            "\"fc0\"",
            "\"Affine\"",
            "\"Add\"",
            "\"Split\"",
            "\"block\"",
            "\"shares\"",
            "\"takes\"",
            "\"scores\"",
            "\"conv:1\"",
            "\"\"",
            "\"image\"",
            "\"pool\"");

    private static String read(String file) {
        try {
            return Files.readString(Path.of("architectures", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(seed = LayerContract.SEED, tries = 400)
    void readOrRefusedByName(@ForAll long seed) {
        Random r = new Random(seed);
        String text = TEXTS.get(r.nextInt(TEXTS.size()));
        for (int k = 1 + r.nextInt(2); k > 0; k--) {
            text = mutate(text, r);
        }
        Architecture a;
        try {
            a = Architecture.parse(text, "fuzz.json");
        } catch (BadFileException e) {
            Statistics.label("outcome").collect("refused");
            assertEquals(
                    true,
                    e.getMessage().startsWith("fuzz.json: ") && !e.getMessage().contains("\n"),
                    e.getMessage());
            return;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("expected a read or a BadFileException, got " + e + " for\n" + text, e);
        }
        Statistics.label("outcome").collect("read");
        long values = a.stateShapes().values().stream()
                .mapToLong(s -> java.util.Arrays.stream(s).asLongStream().reduce(1, (x, y) -> x * y))
                .sum();
        if (values <= 2_000_000) {
            String written = Architecture.of(a.build(new Random(seed))).toJson();
            try {
                assertEquals(
                        written,
                        Architecture.of(Architecture.parse(written, "again").build(new Random(1)))
                                .toJson());
            } catch (BadFileException e) {
                throw new AssertionError("what was written does not read: " + e.getMessage() + "\n" + written, e);
            }
        }
    }

    /** Cut a span, repeat or drop a line, or (most often) replace a number or a quoted name. */
    private static String mutate(String s, Random r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            int at = r.nextInt(s.length());
            return s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(40)));
        }
        if (kind <= 2) {
            List<String> lines = new java.util.ArrayList<>(s.lines().toList());
            int i = r.nextInt(lines.size());
            if (kind == 1) {
                lines.remove(i);
            } else {
                lines.add(i, lines.get(i));
            }
            return String.join("\n", lines);
        }
        java.util.regex.Pattern p = kind <= 6
                ? java.util.regex.Pattern.compile("-?[0-9][0-9.E-]*")
                : java.util.regex.Pattern.compile("\"[^\"]*\"");
        java.util.regex.Matcher m = p.matcher(s);
        List<int[]> spans = new java.util.ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        int[] span = spans.get(r.nextInt(spans.size()));
        List<String> with = kind <= 6 ? NUMBERS : NAMES;
        return s.substring(0, span[0]) + with.get(r.nextInt(with.size())) + s.substring(span[1]);
    }
}

package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A separate JVM saves models over one file in a loop ({@link SaveLoop}) and is killed
 * ({@code destroyForcibly}, SIGKILL) at a random moment, {@value #ROUNDS} times. After every kill
 * the file loads completely as one of the saved versions: never half a file. (A kill is a process crash; the fsync before the rename is what
 * extends this to a power cut, which a test cannot stage.) A kill mid-write leaves its temporary
 * file; the next child's first save removes it, and after the last kill one more save leaves none.
 */
@Tag("slow")
class KillDuringSaveTest {
    static final int ROUNDS = 24;

    @TempDir
    Path dir;

    @Test
    void aKilledSaverLeavesTheOldFileOrTheNewOneNeverHalf() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Path target = dir.resolve("model.safetensors");
        Random random = new Random(8);
        int[] seen = new int[SaveLoop.VERSIONS + 1];
        int leftByKills = 0;
        long start = System.nanoTime();
        for (int round = 0; round < ROUNDS; round++) {
            Process p = new ProcessBuilder(
                            java,
                            "-Xmx128m",
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-cp",
                            classpath,
                            SaveLoop.class.getName(),
                            target.toString())
                    .redirectErrorStream(true)
                    .start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertEquals("saved", line, "the child did not save");
                Thread.sleep(random.nextInt(40));
            } finally {
                p.destroyForcibly();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the child did not die");
            }
            seen[check(target)]++;
            leftByKills += temporaries();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "KillDuringSaveTest: %d kills survived in %.1f s; file absent %d times, versions seen %s; "
                        + "%d temporary files left behind by kills mid-write%n",
                ROUNDS,
                seconds,
                seen[SaveLoop.VERSIONS],
                Arrays.toString(Arrays.copyOf(seen, SaveLoop.VERSIONS)),
                leftByKills);
        assertEquals(0, seen[SaveLoop.VERSIONS], "the file was missing after a save had completed");
        assertTrue(leftByKills > 0, "no kill landed inside a save (no temporary file left); the test proves nothing");
        SafeTensors.save(target, SaveLoop.version(0), Map.of("version", "0"));
        assertEquals(0, temporaries(), "the next save removes the temporary files of killed saves");
    }

    /** The version the file holds (checked value by value), or VERSIONS when it is absent. */
    private static int check(Path target) throws Exception {
        if (!Files.exists(target)) {
            return SaveLoop.VERSIONS;
        }
        SafeTensors.Contents c = SafeTensors.load(target);
        int v = Integer.parseInt(c.metadata().get("version"));
        Map<String, Tensor> expected = SaveLoop.version(v);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(c.tensors().keySet()));
        expected.forEach(
                (k, t) -> assertArrayEquals(t.data(), c.tensors().get(k).data(), 0.0, k));
        return v;
    }

    private long temporaries() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp"))
                    .count();
        }
    }
}

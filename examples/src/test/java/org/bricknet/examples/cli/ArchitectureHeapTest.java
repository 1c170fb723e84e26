package org.bricknet.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An architecture that does not fit the heap, in a real JVM with a fixed heap: refused before it is
 * built, with the size needed and the -Xmx to use, whether its parameters or its maps are too large.
 */
@Tag("slow")
class ArchitectureHeapTest {
    @TempDir
    Path dir;

    private void refusedForMemory(String heap, String what, String... args) throws Exception {
        try (Child c = Child.start(heap, Files.createDirectories(dir.resolve("tmp")), args)) {
            int code = c.exit(120);
            String out = c.output();
            assertEquals(1, code, out);
            String last = out.lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("bricknet: " + what), out);
            assertTrue(
                    last.matches(".* needs [0-9.]+ [KMG]iB of memory; the Java heap can give [0-9.]+ [KMG]iB of its"
                            + " [0-9.]+ [KMG]iB; run java with -Xmx[0-9]+[mg]"),
                    last);
            assertFalse(out.contains("OutOfMemoryError") || out.contains("\tat ") || out.contains("Epoch "), out);
        }
    }

    @Test
    void tooManyParametersOrTooLargeMapsAreRefusedBeforeBuilding() throws Exception {
        Path wide = Architectures.write(dir, "wide.json", Architectures.graph("[784]", """
                            {"name": "fc1", "type": "Affine", "settings": {"out": 100000}, "takes": ["x"]},
                            {"name": "scores", "type": "Affine", "settings": {"out": 10}, "takes": ["fc1"]}
                        """, null));
        refusedForMemory(
                "128m",
                "training " + wide + " (784 → 10) with adam, batch 100 needs ",
                "train",
                "--architecture",
                wide.toString());
        Path maps = Architectures.write(dir, "maps.json", Architectures.graph("[1, 28, 28]", """
                            {"name": "conv", "type": "Convolution", "settings": {"filters": 4096, "kernel": [3, 3], "pad": 1}, "takes": ["x"]},
                            {"name": "pool", "type": "AvgPooling", "settings": {"window": [28, 28], "stride": 28}, "takes": ["conv"]},
                            {"name": "scores", "type": "Affine", "settings": {"out": 10}, "takes": ["pool"]}
                        """, null));
        refusedForMemory(
                "256m",
                "training " + maps + " (1×28×28 → 10) with adam, batch 100 needs ",
                "train",
                "--architecture",
                maps.toString());
        refusedForMemory(
                "256m",
                "gradcheck of " + maps + " (1×28×28 → 10) on 300 digits needs ",
                "gradcheck",
                "--architecture",
                maps.toString(),
                "--batch",
                "300",
                "--mode",
                "direction");
    }
}

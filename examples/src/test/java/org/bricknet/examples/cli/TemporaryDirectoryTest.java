package org.bricknet.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run leaves nothing in the temporary directory: the copy of netlib's JNI library (96 KB, once
 * per run that loads the BLAS) is deleted as soon as it is loaded, so not even SIGKILL leaves it;
 * also when its load fails (no OpenBLAS). A finished run ({@link HeapCommandLineTest}) and one
 * stopped by a signal ({@link SignalsTest}) are held to the same.
 */
@Tag("slow")
class TemporaryDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunLeavesNothing() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (Child c = Child.start("256m", tmp, "train", "--epochs", "50", "--hidden", "5")) {
            assertTrue(c.await(l -> l.startsWith("Epoch 1:"), 60), c.output());
            c.signal("KILL");
            c.exit(10);
        }
        assertEquals(List.of(), Child.files(tmp));
    }

    @Test
    void aRunWithoutTheNativeLibraryLeavesNothingEither() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        // netlib tries (and here fails) to load its JNI library against a BLAS that does not exist
        try (Child c = Child.start(
                List.of("-Ddev.ludovic.netlib.blas.nativeLib=libno-such-blas.so.3"),
                "256m",
                tmp,
                "train",
                "--epochs",
                "50",
                "--hidden",
                "5")) {
            assertTrue(c.await(l -> l.startsWith("Epoch 1:"), 60), c.output());
            c.signal("KILL");
            c.exit(10);
        }
        assertEquals(List.of(), Child.files(tmp));
    }
}

package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module's main sources write files only through {@code AtomicFiles} and never use Java
 * serialization: a scan for the APIs that would bypass either.
 */
class SafeIoSourcesTest {
    private static final List<String> FORBIDDEN = List.of(
            "Files.write(",
            "Files.writeString(",
            "FileOutputStream",
            "Files.newOutputStream",
            "Files.newBufferedWriter",
            "FileWriter",
            "RandomAccessFile",
            "ObjectInputStream",
            "ObjectOutputStream",
            "BitmapEncoder.saveBitmap");

    @Test
    void noMainSourceBypassesAtomicFilesOrUsesSerialization() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String module : List.of("core", "layers", "losses", "optim", "examples")) {
            Path src = root.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    scanned++;
                    if (f.getFileName().toString().equals("AtomicFiles.java")) {
                        continue;
                    }
                    String text = Files.readString(f);
                    for (String api : FORBIDDEN) {
                        // a word boundary before the name, so that AtomicFiles.write( is not Files.write(
                        if (java.util.regex.Pattern.compile("(?<![A-Za-z])" + java.util.regex.Pattern.quote(api))
                                .matcher(text)
                                .find()) {
                            found.add(root.relativize(f) + " uses " + api);
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 50, "expected the sources of all five modules under " + root + ", scanned " + scanned);
        assertEquals(List.of(), found, "write through AtomicFiles; read model files with SafeTensors");
    }
}

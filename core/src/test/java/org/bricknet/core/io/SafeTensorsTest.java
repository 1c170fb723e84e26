package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private Map<String, Tensor> tensors() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W1", Tensor.randn(new Random(1), 1.0, 3, 2));
        m.put("b1", Tensor.vector(0.5, -0.25));
        return m;
    }

    @Test
    void roundTripsValuesBitForBitWithMetadata() throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(f, tensors(), Map.of("model", "two-layer", "sizes", "3,2"));
        SafeTensors.Contents c = SafeTensors.load(f);
        assertEquals(List.of("W1", "b1"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(tensors().get("W1").data(), c.tensors().get("W1").data());
        assertArrayEquals(new int[] {3, 2}, c.tensors().get("W1").shape());
        assertEquals("two-layer", c.metadata().get("model"));
        assertEquals("3,2", c.metadata().get("sizes"));
    }

    @Test
    void theLayoutIsSafetensors() throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(f, Map.of("b", Tensor.vector(1.5)), Map.of());
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).trim();
        assertEquals("{\"__metadata__\":{},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", header);
        assertEquals(
                1.5,
                ByteBuffer.wrap(bytes, 8 + (int) n, 8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getDouble());
        assertEquals(8 + n + 8, bytes.length);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(f, tensors(), Map.of());
        SafeTensors.save(f, tensors(), Map.of());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    private BadFileException bad(byte[] content) throws IOException {
        Path f = Files.write(dir.resolve("bad.safetensors"), content);
        return assertThrows(BadFileException.class, () -> SafeTensors.load(f));
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    @Test
    void badFilesAreClearErrors() throws IOException {
        Path good = dir.resolve("good.safetensors");
        SafeTensors.save(good, tensors(), Map.of());
        byte[] bytes = Files.readAllBytes(good);
        assertTrue(bad(Arrays.copyOf(bytes, 5)).getMessage().contains("truncated"));
        assertTrue(bad(Arrays.copyOf(bytes, bytes.length - 3)).getMessage().contains("past the"));
        assertTrue(bad(Arrays.copyOf(bytes, bytes.length + 8)).getMessage().contains("8 bytes after the last tensor"));
        byte[] hugeHeader = bytes.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertTrue(bad(hugeHeader).getMessage().contains("header length 9223372036854775807 is impossible"));
        assertTrue(bad(file("{not json", 0)).getMessage().contains("not valid JSON"));
        String f16 = "{\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        assertTrue(bad(file(f16, 2)).getMessage().contains("dtype 'F16' is not supported; expected F64"));
        String overlap = "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[4,12]}}";
        assertTrue(bad(file(overlap, 16)).getMessage().contains("no gap or overlap"));
        String wrongSize = "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertTrue(bad(file(wrongSize, 8)).getMessage().contains("needs 16"));
        String negative = "{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}";
        assertTrue(bad(file(negative, 8)).getMessage().contains("expected a positive int"));
        String overflow = "{\"a\":{\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}";
        assertTrue(bad(file(overflow, 8)).getMessage().contains("too large"));
        PathException missing = assertThrows(PathException.class, () -> SafeTensors.load(dir.resolve("none")));
        assertTrue(missing.getMessage().endsWith("none: no such file or directory"), missing.getMessage());
    }
}

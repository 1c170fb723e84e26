package org.bricknet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The dtypes PyTorch's {@code safetensors.torch.save_file} writes for a {@code state_dict}: F32
 * weights and a 0-dimensional I64 {@code num_batches_tracked}, read as doubles that hold each value
 * exactly; an I64 beyond 2^53 (which a double would round) is refused.
 */
class SafeTensorsDtypesTest {

    /** A file in safetensors' own layout: I64 first (its dtype sorts higher), then F32, by name. */
    private static byte[] torchStyle(long batches, float... weights) {
        String header = "{\"1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2," + weights.length / 2 + "],\"data_offsets\":[8,"
                + (8 + 4 * weights.length) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + 8 + 4 * weights.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        b.putLong(batches);
        for (float w : weights) {
            b.putFloat(w);
        }
        return b.array();
    }

    @Test
    void float32IsWidenedExactlyAndInt64Read() throws BadFileException {
        SafeTensors.Contents c = SafeTensors.load(torchStyle(3, 0.1f, -2.5f, 3.25f, 1e-3f), "state.safetensors");
        assertEquals(
                List.of("1.num_batches_tracked", "0.weight"),
                List.copyOf(c.tensors().keySet()));
        Tensor batches = c.tensors().get("1.num_batches_tracked");
        assertEquals(0, batches.rank());
        assertArrayEquals(new double[] {3}, batches.data(), 0.0);
        Tensor w = c.tensors().get("0.weight");
        assertArrayEquals(new int[] {2, 2}, w.shape());
        // (double) 0.1f is 0.10000000149011612: the float's value, not the decimal 0.1
        assertArrayEquals(new double[] {0.1f, -2.5f, 3.25f, 1e-3f}, w.data(), 0.0);
        assertEquals(0.10000000149011612, w.data()[0], 0.0);
    }

    @Test
    void anInt64ThatADoubleWouldRoundIsRefused() {
        BadFileException e = assertThrows(
                BadFileException.class, () -> SafeTensors.load(torchStyle((1L << 53) + 1, 1f, 2f), "big.safetensors"));
        assertEquals(
                "big.safetensors: tensor '1.num_batches_tracked': I64 value 9007199254740993 at element 0 is beyond"
                        + " 2^53 and cannot be held exactly as a double",
                e.getMessage());
    }

    @Test
    void anF32TensorMustHoldFourBytesAnElement() {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        BadFileException e = assertThrows(BadFileException.class, () -> SafeTensors.load(b.array(), "w.safetensors"));
        assertEquals(
                "w.safetensors: tensor 'w': data_offsets [0, 8) hold 8 bytes; shape (3,) of F32 needs 12",
                e.getMessage());
    }
}

package org.bricknet.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A need the heap cannot meet is refused beforehand, with the size, the heap and the -Xmx to use. */
class MemoryTest {
    @Test
    void aNeedTheHeapCannotMeetIsRefusedSayingHowMuchAndTheXmx() {
        long need = Runtime.getRuntime().maxMemory() * 3;
        NotEnoughMemoryException e =
                assertThrows(NotEnoughMemoryException.class, () -> Memory.require(need, "the thing"));
        assertEquals(need, e.needed());
        assertTrue(
                e.getMessage()
                        .matches("the thing needs [0-9.]+ [KMG]iB of memory; the Java heap can give [0-9.]+ [KMG]iB"
                                + " of its [0-9.]+ [KMG]iB; run java with -Xmx[0-9]+[mg]"),
                e.getMessage());
        Memory.require(1024, "a little");
    }

    /** A need that fits what is free but not what the collector leaves: the message says less than the need. */
    @Test
    void theHeapSaysWhatItCanGiveWithTheCollectorsReserveKept() {
        System.gc();
        long reserve = Math.min(Runtime.getRuntime().maxMemory() / 8, 32L << 20);
        long need = Memory.free() - reserve / 2;
        NotEnoughMemoryException e =
                assertThrows(NotEnoughMemoryException.class, () -> Memory.require(need, "the thing"));
        assertTrue(e.free() < e.needed(), e.getMessage());
    }

    @Test
    void theSuggestedHeapIsRoundedUpToAnXmxValue() {
        assertEquals("-Xmx64m", Memory.suggestedHeap(20L << 20));
        assertEquals("-Xmx1g", Memory.suggestedHeap(800L << 20));
        assertEquals("-Xmx49g", Memory.suggestedHeap(39L << 30)); // 39 GiB and a quarter more, and 16 MiB
        assertEquals("45 MiB", Memory.size(47_040_000)); // 60,000 images of 28×28 bytes
        assertEquals("1.5 GiB", Memory.size(3L << 29));
    }
}

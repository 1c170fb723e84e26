package org.bricknet.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Engine.Work;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** bench's counters: each operation's time goes to its kind of work while counting is on, and nowhere when off. */
@Tag("engine")
@net.jqwik.api.Tag("engine")
class CountersTest {

    @AfterEach
    void off() {
        Engine.count(false);
    }

    @Test
    void eachOperationIsTimedUnderItsKindAndProductsCountTheirOperations() {
        Engine.count(true);
        Ops.mult(Tensor.zeros(3, 4), Tensor.zeros(4, 5), Tensor.zeros(3, 5));
        assertEquals(2 * 3 * 4 * 5, Engine.countedFlops());
        assertTrue(Engine.countedNanos(Work.PRODUCTS) > 0);
        assertEquals(0, Engine.countedNanos(Work.OPTIMIZER));
        Ops.updateElements(Tensor.zeros(10), (from, to) -> {});
        Ops.allFinite(Tensor.zeros(10));
        Ops.gatherRows(new double[6], 2, new int[] {2, 0}, 0, 2, new double[4]);
        Ops.sumCols(Tensor.zeros(2, 3), Tensor.zeros(3));
        for (Work w : new Work[] {Work.OPTIMIZER, Work.CHECK, Work.GATHER, Work.ELEMENT_WISE}) {
            assertTrue(Engine.countedNanos(w) > 0, w.label());
        }
    }

    @Test
    void turningCountingOnResetsTheTotalsAndOffStopsThem() {
        Engine.count(true);
        Ops.mult(Tensor.zeros(2, 2), Tensor.zeros(2, 2), Tensor.zeros(2, 2));
        Engine.count(false);
        Ops.mult(Tensor.zeros(2, 2), Tensor.zeros(2, 2), Tensor.zeros(2, 2));
        assertEquals(16, Engine.countedFlops(), "a product while counting is off is not counted");
        Engine.count(true);
        assertEquals(0, Engine.countedFlops());
        for (Work w : Work.values()) {
            assertEquals(0, Engine.countedNanos(w), w.label());
        }
    }
}

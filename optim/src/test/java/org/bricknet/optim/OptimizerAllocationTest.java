package org.bricknet.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The optimizer step is a hot path: after the first step has allocated the state, a step allocates
 * nothing that grows with the parameters. Measured with the JVM's per-thread allocation counter
 * (bytes, not time): 200 steps over 39,760 values (784-50-10) must allocate less than 256 bytes
 * per step, where one boxed or copied value per element would be over 600 KB. Seen: 4 or 36 bytes
 * per step (the map's value iterator, when the JIT does not elide it).
 */
class OptimizerAllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void aStepAllocatesNothingPerElement() {
        Random r = new Random(3);
        Map<String, Parameter> params = new LinkedHashMap<>();
        params.put("W1", new Parameter("W", Tensor.randn(r, 0.01, 784, 50)));
        params.put("b1", new Parameter("b", Tensor.zeros(50)));
        params.put("W2", new Parameter("W", Tensor.randn(r, 0.01, 50, 10)));
        params.put("b2", new Parameter("b", Tensor.zeros(10)));
        for (Parameter p : params.values()) {
            double[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) {
                g[i] = r.nextGaussian();
            }
        }
        for (String name : Optimizers.NAMES) {
            Optimizer opt = Optimizers.create(name, 1e-6);
            for (int k = 0; k < 2000; k++) {
                opt.step(params); // the state, then the JIT
            }
            int steps = 200;
            long before = allocatedBytes();
            for (int k = 0; k < steps; k++) {
                opt.step(params);
            }
            double perStep = (allocatedBytes() - before) / (double) steps;
            assertTrue(perStep < 256, name + " allocated " + perStep + " bytes per step");
        }
    }
}

package org.bricknet.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.Network;

/**
 * The executor side's copies of the network being trained, kept per JVM and per training run so
 * that a task does not rebuild its network (and its layers' buffers) on every evaluation. A task
 * borrows a copy, writes the driver's weights into it, computes, and gives it back; two tasks
 * running at once on one executor never share a copy. Copies are built by the run's
 * {@link NetworkSource} with weight decay off: the driver adds the decay term once, to the sum.
 * The copies of the few most recent runs are kept; older runs' copies are dropped.
 */
final class Replicas {
    private static final int RUNS_KEPT = 4;

    private static final Map<String, Deque<Network>> POOLS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Network>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    private Replicas() {}

    /** A copy of run {@code run}'s network: a pooled one, else a new one from {@code source}. */
    static Network borrow(String run, NetworkSource source) {
        synchronized (POOLS) {
            Deque<Network> pool = POOLS.get(run);
            if (pool != null && !pool.isEmpty()) {
                return pool.pop();
            }
        }
        Network net = source.build();
        if (net == null) {
            throw new IllegalStateException("the NetworkSource built null instead of a network");
        }
        return net.withWeightDecay(0);
    }

    /** Returns a borrowed copy to run {@code run}'s pool. */
    static void giveBack(String run, Network net) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(run, k -> new ArrayDeque<>()).push(net);
        }
    }

    /**
     * Why {@code net}'s loss on a batch is not the mean of its losses on the batch's parts, so that
     * it cannot be split across partitions; null when it can. A brick that draws random numbers
     * (Dropout) would draw different masks on each executor than on one machine; a brick with
     * running statistics (BatchNormalization) normalises by statistics of the whole batch, which
     * couple its rows. Every node of the network's graph is looked at, inside nested blocks too
     * (named {@code block/node}).
     */
    static String refusal(Network net) {
        return refusal(net.graph(), "");
    }

    private static String refusal(Graph graph, String prefix) {
        for (Map.Entry<String, Brick> e : graph.nodes().entrySet()) {
            String name = prefix + e.getKey();
            if (e.getValue() instanceof Graph block) {
                String inner = refusal(block, name + "/");
                if (inner != null) {
                    return inner;
                }
            } else if (e.getValue().isStochastic()) {
                return "layer '" + name + "' draws random numbers (dropout), so each partition would draw its "
                        + "own; train it on one machine";
            } else if (!e.getValue().buffers().isEmpty()) {
                return "layer '" + name + "' normalises by statistics of the whole batch (batch "
                        + "normalization), which do not split across partitions; train it on one machine";
            }
        }
        return null;
    }
}

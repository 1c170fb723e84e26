package org.bricknet.core.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.io.Architecture.Block;
import org.bricknet.core.io.Architecture.Node;

/**
 * The checks of an architecture's structure that need the whole file: every block a node uses is
 * defined, blocks do not use themselves, they nest at most {@link Architecture#MAX_DEPTH} deep, the
 * graph has at most {@link Architecture#MAX_NODES} nodes once every block is expanded, and every
 * {@code shares} names a node of its own graph that shares nothing itself.
 */
final class ArchitectureLimits {
    private ArchitectureLimits() {}

    static void check(Block top, Map<String, Block> blocks) {
        for (Block b : blocks.values()) {
            shares(b, "block '" + b.name() + "', ");
        }
        shares(top, "");
        for (String name : blocks.keySet()) {
            if (!uses(top, name) && blocks.values().stream().noneMatch(b -> uses(b, name))) {
                throw new IllegalArgumentException("block '" + name + "' is used by no node");
            }
        }
        long nodes = expanded(top, blocks, new HashMap<>(), new ArrayList<>());
        if (nodes > Architecture.MAX_NODES) {
            throw new IllegalArgumentException("the graph has " + nodes + " nodes once its blocks are expanded, more"
                    + " than " + Architecture.MAX_NODES + " (the limit)");
        }
    }

    /** The number of nodes of {@code b} with its blocks expanded; {@code path} is the blocks being expanded. */
    private static long expanded(Block b, Map<String, Block> blocks, Map<String, Long> done, List<String> path) {
        if (b.name() != null && done.containsKey(b.name())) {
            return done.get(b.name());
        }
        if (path.size() > Architecture.MAX_DEPTH) {
            throw new IllegalArgumentException("blocks nest more than " + Architecture.MAX_DEPTH + " deep (the limit): "
                    + String.join(" → ", path));
        }
        long n = 0;
        for (Node node : b.nodes()) {
            n++;
            if (node.block() != null) {
                Block inner = blocks.get(node.block());
                String at = (b.name() == null ? "" : "block '" + b.name() + "', ") + "node '" + node.name() + "'";
                if (inner == null) {
                    throw new IllegalArgumentException(at + ", field 'block': no block is named '" + node.block()
                            + "'" + org.bricknet.core.Names.suggestion(node.block(), blocks.keySet())
                            + (blocks.isEmpty()
                                    ? "; the file defines no blocks"
                                    : "; the blocks are " + String.join(", ", blocks.keySet())));
                }
                if (path.contains(inner.name())) {
                    List<String> loop = new ArrayList<>(path.subList(path.indexOf(inner.name()), path.size()));
                    loop.add(inner.name());
                    throw new IllegalArgumentException(
                            "blocks use one another in a cycle: " + String.join(" → ", loop));
                }
                path.add(inner.name());
                n += expanded(inner, blocks, done, path);
                path.remove(path.size() - 1);
                if (n > Architecture.MAX_NODES) {
                    return n;
                }
            }
        }
        if (b.name() != null) {
            done.put(b.name(), n);
        }
        return n;
    }

    private static boolean uses(Block b, String block) {
        return b.nodes().stream().anyMatch(n -> block.equals(n.block()));
    }

    /** Each {@code shares} names another node of the same graph, one with a type or a block. */
    private static void shares(Block b, String in) {
        Map<String, Node> byName = new HashMap<>();
        b.nodes().forEach(n -> byName.put(n.name(), n));
        for (Node n : b.nodes()) {
            if (n.shares() == null) {
                continue;
            }
            Node source = byName.get(n.shares());
            String at = in + "node '" + n.name() + "', field 'shares': ";
            if (source == null) {
                throw new IllegalArgumentException(
                        at + "no node of " + (b.name() == null ? "the graph" : "the block") + " is named '" + n.shares()
                                + "'" + org.bricknet.core.Names.suggestion(n.shares(), byName.keySet()));
            }
            if (source == n) {
                throw new IllegalArgumentException(at + "a node cannot share its own parameters");
            }
            if (source.shares() != null) {
                throw new IllegalArgumentException(at + "'" + n.shares() + "' shares '" + source.shares()
                        + "' itself; name '" + source.shares() + "', whose parameters they all hold");
            }
        }
    }
}

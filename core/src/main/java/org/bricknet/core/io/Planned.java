package org.bricknet.core.io;

import java.util.Map;
import java.util.Random;
import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.Architecture.Block;
import org.bricknet.core.io.Architecture.Node;

/**
 * A stand-in for one node while an architecture is planned: it takes and gives as many tensors as
 * the brick (or block) it stands for, and from its input shapes says its output shapes and the
 * shapes of the parameters and buffers the real brick will create, without creating them. Only a
 * brick that does not say its output shapes runs: the graph probes it with one example of zeros
 * (a brick without parameters, or a user's brick that then creates its own).
 */
final class Planned implements Brick {
    final Node node;
    private final Node root;
    private final ArchitecturePlan plan;
    private final ArchitecturePlan.Budget budget;
    private final boolean sharing;
    private final Brick prototype;
    private final Block block;
    int[][] inputShapes;
    Map<String, int[]> parameters = Map.of();
    Map<String, int[]> buffers = Map.of();
    ArchitecturePlan inner;

    /**
     * {@code root} is the node itself, or the node it shares; {@code sharing} when its parameters
     * are another node's (it shares one, or it is in a block that does).
     */
    Planned(ArchitecturePlan plan, Node node, Node root, ArchitecturePlan.Budget budget, boolean sharing) {
        this.plan = plan;
        this.node = node;
        this.root = root;
        this.budget = budget;
        this.sharing = sharing;
        if (root.block() != null) {
            this.block = plan.architecture.blocks.stream()
                    .filter(b -> b.name().equals(root.block()))
                    .findFirst()
                    .orElseThrow();
            this.prototype = null;
        } else {
            this.block = null;
            this.prototype = root.type().create(root.settings());
        }
    }

    @Override
    public String typeName() {
        return block != null ? block.name() : root.type().name();
    }

    @Override
    public int inputCount() {
        return prototype != null ? prototype.inputCount() : block.inputs().size();
    }

    @Override
    public int outputCount() {
        return prototype != null ? prototype.outputCount() : block.outputs().size();
    }

    /** Learns the input shapes (each within the limit), and counts what the real brick will hold. */
    @Override
    public void build(int[][] inputShapes, Random random) {
        for (int[] s : inputShapes) {
            requireWithinLimit(s, "its input");
        }
        this.inputShapes = inputShapes;
        if (prototype == null) {
            return;
        }
        parameters = root.type().parameterShapes(root.settings(), inputShapes);
        buffers = root.type().bufferShapes(root.settings(), inputShapes);
        if (node.shares() != null && parameters.isEmpty()) {
            throw new IllegalArgumentException(
                    "it shares '" + root.name() + "', a " + root.type().name() + ", which has no parameters to share");
        }
        if (sharing && !parameters.isEmpty() && !root.type().canShare()) {
            throw new IllegalArgumentException(
                    "it shares parameters, but a " + root.type().name() + " cannot be made over another's");
        }
        if (!sharing) {
            budget.charge(parameters);
        }
        budget.charge(buffers);
    }

    /**
     * A block's outputs, from its own plan; a brick's, as it says them; else null, and the graph
     * probes this stand-in, which runs the brick's own forward.
     */
    @Override
    public int[][] outputShapes(int[][] in) {
        int[][] out = block != null
                ? (inner = ArchitecturePlan.ofBlock(plan.architecture, block, in, budget, sharing)).outputShapes
                : prototype.outputShapes(in);
        if (out != null) {
            for (int[] s : out) {
                requireWithinLimit(s, "its examples would be");
            }
        }
        return out;
    }

    private static void requireWithinLimit(int[] example, String what) {
        long values = 1;
        for (int d : example) {
            values *= d;
        }
        if (values > Architecture.MAX_EXAMPLE_VALUES) {
            throw new IllegalArgumentException(what + " " + ArchitecturePlan.batch(example) + ", more than "
                    + Architecture.MAX_EXAMPLE_VALUES + " values each (the limit)");
        }
    }

    /** The brick's forward, for the graph's probe of a brick that does not say its output shapes. */
    @Override
    public Tensor[] forward(Tensor... inputs) {
        prototype.build(inputShapes, new Random(0));
        return prototype.forward(inputs);
    }

    @Override
    public void setTraining(boolean training) {
        if (prototype != null) {
            prototype.setTraining(training);
        }
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        throw new IllegalStateException("a planned node does not run backward");
    }
}

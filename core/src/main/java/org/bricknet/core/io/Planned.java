package org.bricknet.core.io;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Brick;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.Architecture.Block;
import org.bricknet.core.io.Architecture.Node;

/**
 * A stand-in for one node while an architecture is planned: it takes and gives as many tensors as
 * the brick (or block) it stands for, and from its input shapes says its output shapes and the
 * shapes of the parameters and buffers the real brick will create, without creating them. It never
 * runs.
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

    /** Learns the input shapes, and counts what the real brick will hold. */
    @Override
    public void build(int[][] inputShapes, Random random) {
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

    @Override
    public int[][] outputShapes(int[][] in) {
        int[][] out;
        if (block != null) {
            inner = ArchitecturePlan.ofBlock(plan.architecture, block, in, budget, sharing);
            out = inner.outputShapes;
        } else {
            out = prototype.outputShapes(in);
            if (out == null) {
                out = probe(in);
            }
        }
        for (int[] s : out) {
            long values = 1;
            for (int d : s) {
                values *= d;
            }
            if (values > Architecture.MAX_EXAMPLE_VALUES) {
                throw new IllegalArgumentException("its examples would be " + ArchitecturePlan.batch(s) + ", more than "
                        + Architecture.MAX_EXAMPLE_VALUES + " values each (the limit)");
            }
        }
        return out;
    }

    /** The shapes of one forward pass of one example of zeros, in evaluation mode: what a graph does. */
    private int[][] probe(int[][] in) {
        prototype.build(in, new Random(0));
        Tensor[] xs = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            int[] s = new int[in[i].length + 1];
            s[0] = 1;
            System.arraycopy(in[i], 0, s, 1, in[i].length);
            xs[i] = Tensor.zeros(s);
        }
        prototype.setTraining(false);
        Tensor[] ys = prototype.forward(xs);
        int[][] out = new int[ys.length][];
        for (int j = 0; j < ys.length; j++) {
            out[j] = Arrays.copyOfRange(ys[j].shape(), 1, ys[j].rank());
        }
        return out;
    }

    @Override
    public Tensor[] forward(Tensor... inputs) {
        throw new IllegalStateException("a planned node does not run");
    }

    @Override
    public Tensor[] backward(Tensor... outputGradients) {
        throw new IllegalStateException("a planned node does not run");
    }
}

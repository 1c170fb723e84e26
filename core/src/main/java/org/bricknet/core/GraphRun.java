package org.bricknet.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * What a {@link Graph} runs with: a value and a gradient per port, buffers for summing fan-out
 * gradients and shared weights, and the forward and backward loops. One per graph, reused by every
 * call, so that a mini-batch allocates nothing once the buffers have their sizes.
 */
final class GraphRun {
    private final Wiring w;
    private final Wiring.Node[] nodes;
    private final Layer[] single;
    /** At the first of three nodes in a row that one layer does at once ({@link Layer#fusedWith}): that layer. */
    private final Layer[] fused;

    private final Tensor[][] nodeIn;
    private final Tensor[][] nodeGrad;
    private final Tensor[] value;
    private final Tensor[] grad;
    private final Tensor[] acc;
    private final Tensor[] zeros;
    private final boolean[] started;
    private final Tensor[] lossScale;
    private final int[] lossTarget;
    private final Parameter[][] nodeShared;
    private final IdentityHashMap<Tensor, Tensor> sharedSum = new IdentityHashMap<>();
    private final IdentityHashMap<Tensor, Boolean> sharedStarted = new IdentityHashMap<>();
    private final List<GraphListener> listeners = new ArrayList<>();
    private boolean inputGradientsNeeded;
    private boolean forwardDone;
    /** Whether the last forward ran the fused layers (no listener was attached). */
    private boolean ranFused;

    GraphRun(Wiring w) {
        this.w = w;
        this.nodes = w.nodes.toArray(new Wiring.Node[0]);
        int ports = w.portNames.size();
        this.value = new Tensor[ports];
        this.grad = new Tensor[ports];
        this.acc = new Tensor[ports];
        this.zeros = new Tensor[ports];
        this.started = new boolean[ports];
        this.single = new Layer[nodes.length];
        this.nodeIn = new Tensor[nodes.length][];
        this.nodeGrad = new Tensor[nodes.length][];
        this.nodeShared = new Parameter[nodes.length][];
        for (int k = 0; k < nodes.length; k++) {
            Wiring.Node n = nodes[k];
            boolean oneToOne = n.in().length == 1 && n.outCount() == 1;
            single[k] = oneToOne && n.brick() instanceof Layer l ? l : null;
            nodeIn[k] = new Tensor[n.in().length];
            nodeGrad[k] = new Tensor[n.outCount()];
            nodeShared[k] = n.brick().parameters().stream()
                    .filter(p -> w.shared.containsKey(p.value()))
                    .toArray(Parameter[]::new);
        }
        this.fused = new Layer[nodes.length];
        for (int k = 0; k + 2 < nodes.length; k++) {
            if (chained(k) && chained(k + 1) && single[k + 2] != null) {
                fused[k] = single[k].fusedWith(single[k + 1], single[k + 2]);
                k += fused[k] == null ? 0 : 2;
            }
        }
        this.lossScale = new Tensor[w.losses.size()];
        this.lossTarget = new int[w.losses.size()];
        for (int i = 0; i < lossScale.length; i++) {
            lossScale[i] = Tensor.vector(w.losses.get(i).weight());
            lossTarget[i] = w.targets.indexOf(w.losses.get(i).target());
        }
    }

    /** Whether node k is a one-to-one layer whose output is used by the next node alone. */
    private boolean chained(int k) {
        return single[k] != null
                && single[k + 1] != null
                && w.uses[nodes[k].out()] == 1
                && nodes[k + 1].in()[0] == nodes[k].out();
    }

    /** The names of each run of nodes that one layer does at once while no listener is attached. */
    List<List<String>> fusedNodes() {
        List<List<String>> runs = new ArrayList<>();
        for (int k = 0; k < nodes.length; k++) {
            if (fused[k] != null) {
                runs.add(List.of(nodes[k].name(), nodes[k + 1].name(), nodes[k + 2].name()));
            }
        }
        return runs;
    }

    Tensor value(int port) {
        return value[port];
    }

    boolean forwardDone() {
        return forwardDone;
    }

    boolean inputGradientsNeeded() {
        return inputGradientsNeeded;
    }

    void setInputGradientsNeeded(boolean needed) {
        inputGradientsNeeded = needed;
    }

    List<GraphListener> listeners() {
        return listeners;
    }

    /** Forward from the inputs (in order), every node in running order. */
    void run(Tensor... inputs) {
        if (inputs.length != w.inputNames.size()) {
            throw new IllegalArgumentException(
                    "Graph: expected " + w.inputNames.size() + " inputs " + w.inputNames + ", got " + inputs.length);
        }
        for (int i = 0; i < inputs.length; i++) {
            int[] example = w.portShapes.get(i);
            Tensor x = inputs[i];
            if (x == null || (example != null && !matches(x, example)) || x.rows() != inputs[0].rows()) {
                throw new IllegalArgumentException("Graph: input '" + w.inputNames.get(i) + "' expected shape "
                        + WiringSetup.batchShape(example) + (i > 0 ? " with the batch size of the others" : "")
                        + ", got " + (x == null ? "none" : x.shapeString()));
            }
            value[i] = x;
        }
        ranFused = listeners.isEmpty();
        for (int k = 0; k < nodes.length; k++) {
            Wiring.Node n = nodes[k];
            if (fused[k] != null && ranFused) {
                value[nodes[k + 2].out()] = fused[k].forward(value[n.in()[0]]);
                value[n.out()] = null; // the values between them are not made
                value[nodes[k + 1].out()] = null;
                k += 2;
                continue;
            }
            if (single[k] != null && listeners.isEmpty()) {
                value[n.out()] = single[k].forward(value[n.in()[0]]);
                continue;
            }
            Tensor[] in = nodeIn[k];
            for (int i = 0; i < in.length; i++) {
                in[i] = value[n.in()[i]];
            }
            Tensor[] out = n.brick().forward(in);
            if (out.length != n.outCount()) {
                throw new IllegalStateException(Wiring.type(n.brick()) + " '" + n.name() + "' gave " + out.length
                        + " outputs, expected " + n.outCount());
            }
            System.arraycopy(out, 0, value, n.out(), out.length);
            for (GraphListener l : listeners) {
                l.forward(n.name(), n.brick(), in, out);
            }
        }
        forwardDone = true;
    }

    /** The weighted sum of the losses of the last forward against the targets (in order). */
    double losses(Tensor... targets) {
        double total = 0;
        for (int i = 0; i < w.losses.size(); i++) {
            Wiring.Loss l = w.losses.get(i);
            double v = l.loss().loss(value[l.scores()], targets[lossTarget[i]]);
            total += l.weight() == 1.0 ? v : l.weight() * v;
        }
        return total;
    }

    /** Backward from the outputs' gradients (or none) and, when asked, from the losses. */
    void backward(Tensor[] outputGradients, boolean fromLosses) {
        if (!forwardDone) {
            throw new IllegalStateException("Graph: backward called before forward");
        }
        Arrays.fill(grad, null);
        Arrays.fill(started, false);
        sharedStarted.clear();
        if (outputGradients != null) {
            for (int i = 0; i < outputGradients.length; i++) {
                contribute(w.outputs[i], outputGradients[i], "the gradient of output " + w.portNames.get(w.outputs[i]));
            }
        }
        if (fromLosses) {
            for (int i = 0; i < w.losses.size(); i++) {
                Wiring.Loss l = w.losses.get(i);
                contribute(l.scores(), l.loss().backward(lossScale[i]), "loss '" + l.name() + "'");
            }
        }
        for (int k = nodes.length - 1; k >= 0; k--) {
            if (ranFused && k >= 2 && fused[k - 2] != null) {
                k -= 2;
                backwardFused(k);
            } else {
                backwardNode(k);
            }
        }
        sharedSums();
    }

    private void backwardNode(int k) {
        Wiring.Node n = nodes[k];
        if (single[k] != null && listeners.isEmpty()) {
            Tensor g = grad[n.out()];
            if (g == null) {
                unreached(k);
                return;
            }
            Tensor dx = single[k].backward(g);
            contributeInput(n.in()[0], dx, n.name());
            shared(k);
            return;
        }
        Tensor[] g = nodeGrad[k];
        boolean any = false;
        for (int j = 0; j < g.length; j++) {
            g[j] = grad[n.out() + j];
            any |= g[j] != null;
        }
        if (!any) {
            unreached(k);
            return;
        }
        for (int j = 0; j < g.length; j++) {
            if (g[j] == null) {
                g[j] = zerosLike(n.out() + j);
            }
        }
        Tensor[] dx = n.brick().backward(g);
        for (GraphListener l : listeners) {
            l.backward(n.name(), n.brick(), g, dx);
        }
        for (int i = 0; i < n.in().length; i++) {
            contributeInput(n.in()[i], dx == null ? null : dx[i], n.name());
        }
        shared(k);
    }

    /** Nodes k, k + 1 and k + 2 backward as the one layer that did them. */
    private void backwardFused(int k) {
        Tensor g = grad[nodes[k + 2].out()];
        if (g == null) {
            unreached(k + 2);
            unreached(k + 1);
            unreached(k);
            return;
        }
        Tensor dx = fused[k].backward(g);
        contributeInput(nodes[k].in()[0], dx, nodes[k].name());
        shared(k + 2);
        shared(k + 1);
        shared(k);
    }

    /** A node no gradient reached (its outputs lead to no loss): its parameters' gradients are 0. */
    private void unreached(int k) {
        for (Parameter p : nodes[k].brick().parameters()) {
            p.grad().fill(0.0);
        }
        shared(k);
    }

    /** {@link #contribute} a node's input gradient, unless the port is a graph input whose gradient is not wanted. */
    private void contributeInput(int p, Tensor g, String from) {
        if (p >= w.inputNames.size() || inputGradientsNeeded) {
            contribute(p, g, from);
        }
    }

    /** Adds a gradient into a port: kept as is when the port has one use, else summed in a buffer. */
    private void contribute(int p, Tensor g, String from) {
        if (g == null || !g.sameShape(value[p])) {
            throw new IllegalStateException(
                    "Graph: " + from + " gave " + (g == null ? "no gradient" : "a gradient of shape " + g.shapeString())
                            + " for '" + w.portNames.get(p) + "' of shape " + value[p].shapeString());
        }
        if (w.uses[p] == 1) {
            grad[p] = g;
            return;
        }
        if (!started[p]) {
            acc[p] = Tensor.reuse(acc[p], g);
            acc[p].copyFrom(g);
            started[p] = true;
            grad[p] = acc[p];
            return;
        }
        double[] a = acc[p].data();
        double[] d = g.data();
        for (int i = 0; i < a.length; i++) {
            a[i] += d[i];
        }
    }

    /** After a node's backward: its shared parameters' gradients join their sums. */
    private void shared(int k) {
        for (Parameter p : nodeShared[k]) {
            Tensor sum = sharedSum.computeIfAbsent(p.value(), v -> Tensor.zeros(v.shape()));
            if (sharedStarted.put(p.value(), Boolean.TRUE) == null) {
                sum.copyFrom(p.grad());
            } else {
                double[] s = sum.data();
                double[] d = p.grad().data();
                for (int i = 0; i < s.length; i++) {
                    s[i] += d[i];
                }
            }
        }
    }

    /** Every parameter object of a shared value ends with the sum of their gradients. */
    private void sharedSums() {
        w.shared.forEach((value, holders) -> {
            Tensor sum = sharedSum.get(value);
            for (Parameter p : holders) {
                if (sum == null) {
                    p.grad().fill(0.0);
                } else {
                    p.grad().copyFrom(sum);
                }
            }
        });
    }

    private Tensor zerosLike(int p) {
        zeros[p] = Tensor.reuse(zeros[p], value[p]).fill(0.0);
        return zeros[p];
    }

    /** Input {@code i}'s gradient after a backward (zeros where nothing reached it). */
    Tensor inputGradient(int i) {
        return grad[i] != null ? grad[i] : zerosLike(i);
    }

    private static boolean matches(Tensor x, int[] example) {
        if (x.rank() != example.length + 1) {
            return false;
        }
        for (int i = 0; i < example.length; i++) {
            if (x.dim(i + 1) != example[i]) {
                return false;
            }
        }
        return true;
    }
}

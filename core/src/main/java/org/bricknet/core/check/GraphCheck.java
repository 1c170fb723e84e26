package org.bricknet.core.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.Brick;
import org.bricknet.core.Graph;
import org.bricknet.core.GraphListener;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.Checker.Checked;

/**
 * A graph checked whole and node by node. Whole: the loss's gradient with respect to each input
 * and parameter, as the graph computes it (fan-out sums and shared weights included). Node by node:
 * each node alone (a {@link BrickCheck}) at the inputs it really saw, weighted by the output gradient
 * it really received, so that a wrong backward is named by the node it is in: its rows, and only
 * its rows, fail.
 */
final class GraphCheck {
    private GraphCheck() {}

    static GradientReport run(
            Graph g, Map<String, Tensor> inputs, Map<String, Tensor> targets, CheckMode mode, Tolerance tol) {
        g.setTraining(true);
        g.loss(inputs, targets);
        RandomDraws held = RandomDraws.hold(List.of(g));
        Capture seen = new Capture();
        try {
            g.setInputGradientNeeded(true);
            g.addListener(seen);
            g.loss(inputs, targets);
            Map<String, Tensor> dIn = g.backward();
            g.removeListener(seen);
            List<Checked> whole = new ArrayList<>();
            dIn.forEach((name, d) -> whole.add(new Checked("input " + name, inputs.get(name), d.copy())));
            g.namedParameters()
                    .forEach((k, p) ->
                            whole.add(new Checked(k, p.value(), p.grad().copy())));
            GradientReport all = Checker.run(() -> g.loss(inputs, targets), whole, mode, tol);
            List<GradientReport.Row> rows = new ArrayList<>(all.rows());
            long evaluations = all.evaluations();
            for (Map.Entry<String, Brick> e : g.nodes().entrySet()) {
                Tensor[] in = seen.inputs.get(e.getKey());
                Tensor[] r = seen.outputGradients.get(e.getKey());
                if (in == null || r == null) {
                    continue;
                }
                BrickCheck.Prepared p =
                        BrickCheck.prepare(e.getValue(), in, r, "[" + e.getKey() + "] ", g.inputsOf(e.getKey()));
                GradientReport node = Checker.run(p.f(), p.checked(), mode, tol);
                rows.addAll(node.rows());
                evaluations += node.evaluations();
            }
            return new GradientReport(rows, mode, tol, evaluations);
        } finally {
            g.removeListener(seen);
            g.setInputGradientNeeded(false);
            held.close();
        }
    }

    /** Copies of what each node saw: its inputs in forward, its output gradients in backward. */
    private static final class Capture implements GraphListener {
        final Map<String, Tensor[]> inputs = new LinkedHashMap<>();
        final Map<String, Tensor[]> outputGradients = new LinkedHashMap<>();

        @Override
        public void forward(String name, Brick brick, Tensor[] in, Tensor[] out) {
            inputs.put(name, copies(in));
        }

        @Override
        public void backward(String name, Brick brick, Tensor[] outGrads, Tensor[] inGrads) {
            outputGradients.put(name, copies(outGrads));
        }

        private static Tensor[] copies(Tensor[] ts) {
            Tensor[] c = new Tensor[ts.length];
            for (int i = 0; i < ts.length; i++) {
                c[i] = ts[i].copy();
            }
            return c;
        }
    }
}

package org.bricknet.optim;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Checks;
import org.bricknet.core.Coverage;
import org.bricknet.core.L2Decay;
import org.bricknet.core.Parameter;
import org.bricknet.core.engine.ElementUpdate;
import org.bricknet.core.engine.Ops;

/**
 * The shared part of every optimizer: the learning rate, the step count, an optional
 * {@link L2Decay} added to the gradients at the start of each step, and per-parameter state slots
 * (each a {@code double[]} as long as the parameter), allocated once per parameter and kept in an
 * {@link IdentityHashMap} keyed by the {@link Parameter} object.
 */
abstract class StatefulOptimizer implements Optimizer {
    private final String name;
    private final String[] slotNames;
    private final IdentityHashMap<Parameter, double[][]> slots = new IdentityHashMap<>();
    private double learningRate;
    private long steps;
    private L2Decay l2;
    private final Part part = new Part();

    StatefulOptimizer(String name, double learningRate, String... slotNames) {
        this.name = name;
        this.slotNames = slotNames;
        setLearningRate(learningRate);
    }

    /**
     * Whether slot {@code slot} holds a sum or average of squared gradients, which no step makes
     * negative; a state that says otherwise is refused by {@link #loadState}.
     */
    boolean holdsSquares(int slot) {
        return false;
    }

    /** Called once per step, after the step count is raised to {@code t}, before any update. */
    void beginStep(long t) {}

    /**
     * Whether the rule treats the parameter under {@code key} specially ({@link AdamW}: whether it
     * decays); passed to {@link #update} as {@code selected}. None by default.
     */
    boolean selects(String key, Parameter p) {
        return false;
    }

    /**
     * Updates elements {@code [from, to)} of {@code w} in place from {@code g}, with this
     * parameter's state {@code s} (one array per slot); an element's update reads and writes that
     * element alone ({@link ElementUpdate}).
     */
    abstract void update(boolean selected, double[] w, double[] g, double[][] s, int from, int to);

    @Override
    public final void step(Map<String, Parameter> params) {
        if (params == null) {
            throw new IllegalArgumentException(name + ": expected a map of parameters, got null");
        }
        steps++;
        beginStep(steps);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            double[][] s = slots.get(p);
            if (s == null) {
                s = newSlots(p);
                slots.put(p, s);
            }
            part.set(p, s, l2 != null && l2.covers(e.getKey(), p), selects(e.getKey(), p));
            try {
                Ops.updateElements(p.value(), part);
            } finally {
                part.set(null, null, false, false);
            }
        }
    }

    /**
     * Adds {@code decay}'s gradient {@code λ·w} to the covered parameters' gradients at the start of
     * each step, before the update (PyTorch's {@code weight_decay} with {@link L2Decay#all}); null
     * for none, the default. The gradients then hold those of the decayed loss.
     *
     * @return this optimizer
     */
    public final Optimizer withL2Decay(L2Decay decay) {
        this.l2 = decay;
        return this;
    }

    /** The L2 decay added at each step, or null. */
    public final L2Decay l2Decay() {
        return l2;
    }

    /** The rule's own hyperparameters by name, as {@link #hyperparameters()} lists them before the L2 decay's. */
    abstract void putHyperparameters(Map<String, String> out);

    @Override
    public final Map<String, String> hyperparameters() {
        Map<String, String> out = new LinkedHashMap<>();
        putHyperparameters(out);
        if (l2 != null) {
            out.put("l2", Double.toString(l2.lambda()));
            out.put("l2_covers", Coverage.label(l2.coverage()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The update of one parameter as an element-wise update, preallocated so that a step allocates nothing. */
    private final class Part implements ElementUpdate {
        private double[] w;
        private double[] g;
        private double[][] s;
        private boolean decayed;
        private boolean selected;

        void set(Parameter p, double[][] s, boolean decayed, boolean selected) {
            this.w = p == null ? null : p.value().data();
            this.g = p == null ? null : p.grad().data();
            this.s = s;
            this.decayed = decayed;
            this.selected = selected;
        }

        @Override
        public void apply(int from, int to) {
            if (decayed) {
                l2.addGradient(w, g, from, to);
            }
            update(selected, w, g, s, from, to);
        }
    }

    private double[][] newSlots(Parameter p) {
        double[][] s = new double[slotNames.length][];
        for (int i = 0; i < s.length; i++) {
            s[i] = new double[p.value().size()];
        }
        return s;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = Checks.positive(name, "learning rate", learningRate);
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final Map<String, double[]> state(Map<String, Parameter> params) {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("steps", new double[] {steps});
        params.forEach((key, p) -> {
            double[][] s = slots.containsKey(p) ? slots.get(p) : newSlots(p);
            for (int i = 0; i < slotNames.length; i++) {
                out.put(key + "." + slotNames[i], s[i].clone());
            }
        });
        return out;
    }

    @Override
    public final void loadState(Map<String, Parameter> params, Map<String, double[]> state) {
        double[] t = state.get("steps");
        if (t == null || t.length != 1 || !(t[0] >= 0) || t[0] != Math.rint(t[0])) {
            throw new IllegalArgumentException(
                    name + ": expected state entry 'steps' holding one whole number >= 0, got "
                            + (t == null ? "none" : java.util.Arrays.toString(t)));
        }
        IdentityHashMap<Parameter, double[][]> loaded = new IdentityHashMap<>();
        params.forEach((key, p) -> {
            double[][] s = new double[slotNames.length][];
            for (int i = 0; i < slotNames.length; i++) {
                String k = key + "." + slotNames[i];
                double[] v = state.get(k);
                if (v == null || v.length != p.value().size()) {
                    throw new IllegalArgumentException(name + ": expected state entry '" + k + "' of "
                            + p.value().size() + " values, got " + (v == null ? "none" : v.length + " values"));
                }
                for (int j = 0; j < v.length; j++) {
                    if (!Double.isFinite(v[j]) || (holdsSquares(i) && v[j] < 0)) {
                        throw new IllegalArgumentException(name + ": state entry '" + k + "' holds " + v[j]
                                + " at element " + j + "; expected "
                                + (holdsSquares(i) ? "a finite number >= 0 (a sum of squares)" : "a finite number"));
                    }
                }
                s[i] = v.clone();
            }
            loaded.put(p, s);
        });
        slots.clear();
        slots.putAll(loaded);
        steps = (long) t[0];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append("(lr=").append(learningRate);
        hyperparameters()
                .forEach((k, v) -> sb.append(", ").append(k).append('=').append(v));
        return sb.append(')').toString();
    }
}

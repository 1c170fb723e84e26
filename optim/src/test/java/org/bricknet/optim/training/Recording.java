package org.bricknet.optim.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Parameter;
import org.bricknet.optim.Optimizer;

/** An optimizer that delegates, counts its steps and keeps a copy of the parameters after each. */
final class Recording implements Optimizer {
    private final Optimizer inner;
    final Map<String, double[]> afterLastStep = new LinkedHashMap<>();
    int calls;

    Recording(Optimizer inner) {
        this.inner = inner;
    }

    static Map<String, double[]> copy(Map<String, Parameter> params) {
        Map<String, double[]> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, p.value().data().clone()));
        return out;
    }

    @Override
    public void step(Map<String, Parameter> params) {
        inner.step(params);
        calls++;
        afterLastStep.clear();
        afterLastStep.putAll(copy(params));
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public double learningRate() {
        return inner.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        inner.setLearningRate(learningRate);
    }

    @Override
    public long steps() {
        return inner.steps();
    }

    @Override
    public Map<String, double[]> state(Map<String, Parameter> params) {
        return inner.state(params);
    }

    @Override
    public void loadState(Map<String, Parameter> params, Map<String, double[]> state) {
        inner.loadState(params, state);
    }
}

package org.bricknet.optim.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.Parameter;

/**
 * Watches how large each parameter's gradient is, epoch by epoch: the Euclidean norm
 * {@code ‖∇W‖ = √(Σ g²)} of each parameter's gradient, averaged over the epoch's steps. Added to a
 * trainer with {@link Trainer#watchGradients}; then {@link #perEpoch()} gives, for each parameter
 * key ({@code W1, b1, ...}), one value per epoch trained. It shows what Nielsen's chapter 5 shows:
 * in a deep sigmoid network the early layers' gradients are orders of magnitude smaller than the
 * last one's (the vanishing gradient). It reads the gradients where the trainer's hooks run: after
 * any hook added before it (such as clipping), before the optimizer's step.
 */
public final class GradientNorms implements GradientHook {
    private final Map<String, List<Double>> means = new LinkedHashMap<>();
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();
    private final List<String> weights = new ArrayList<>();
    private int epoch = -1;
    private int steps;

    @Override
    public void afterBackprop(int epoch, int iteration, Map<String, Parameter> parameters) {
        if (epoch != this.epoch) {
            close();
            this.epoch = epoch;
        }
        steps++;
        parameters.forEach((key, p) -> {
            double sq = 0;
            for (double g : p.grad().data()) {
                sq += g * g;
            }
            sums.computeIfAbsent(key, k -> new double[1])[0] += Math.sqrt(sq);
            if (p.isWeight() && !weights.contains(key)) {
                weights.add(key);
            }
        });
    }

    private void close() {
        if (steps == 0) {
            return;
        }
        epochs.add(epoch);
        int n = steps;
        sums.forEach(
                (key, s) -> means.computeIfAbsent(key, k -> new ArrayList<>()).add(s[0] / n));
        sums.clear();
        steps = 0;
    }

    /** The epochs watched, in order (those of a resumed run start after the checkpoint). */
    public List<Integer> epochs() {
        close();
        return Collections.unmodifiableList(epochs);
    }

    /** The keys of the weights (rank 2 or more: not biases nor BatchNorm's gamma and beta), in order. */
    public List<String> weightKeys() {
        return Collections.unmodifiableList(weights);
    }

    /** For each parameter key, in the network's order, the mean gradient norm of each epoch watched. */
    public Map<String, double[]> perEpoch() {
        close();
        Map<String, double[]> out = new LinkedHashMap<>();
        means.forEach(
                (k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }
}

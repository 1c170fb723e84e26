package org.bricknet.optim.training;

import java.util.Locale;
import java.util.Map;
import org.bricknet.core.Checks;
import org.bricknet.core.Parameter;

/**
 * Limits the gradients before each step, as PyTorch's {@code torch.nn.utils} does:
 *
 * <ul>
 *   <li>{@link #byNorm}: when the norm of all gradients together, {@code ‖g‖ = √(Σ over every
 *       parameter and element of g²)}, exceeds {@code maxNorm}, every gradient is multiplied by
 *       {@code maxNorm / (‖g‖ + 1e-6)} ({@code clip_grad_norm_}); the direction is kept;
 *   <li>{@link #byValue}: every element is clamped to {@code [−limit, limit]}
 *       ({@code clip_grad_value_}); the direction may change.
 * </ul>
 *
 * Weight decay is part of the gradient it sees. {@link #clippedSteps()} counts the steps it changed.
 */
public final class GradientClipping implements GradientHook {
    private final boolean byNorm;
    private final double limit;
    private long clipped;

    private GradientClipping(boolean byNorm, double limit) {
        this.byNorm = byNorm;
        this.limit = limit;
    }

    /** Scales all gradients together down to a norm of at most {@code maxNorm} (finite, &gt; 0). */
    public static GradientClipping byNorm(double maxNorm) {
        return new GradientClipping(true, Checks.positive("GradientClipping.byNorm", "maximum norm", maxNorm));
    }

    /** Clamps every gradient element to {@code [−limit, limit]} ({@code limit} finite, &gt; 0). */
    public static GradientClipping byValue(double limit) {
        return new GradientClipping(false, Checks.positive("GradientClipping.byValue", "limit", limit));
    }

    /**
     * {@code norm:MAX} or {@code value:LIMIT}, as a command line takes it; a text of another form or
     * a limit that is not finite and &gt; 0 is an {@code IllegalArgumentException} whose message
     * starts with {@code clipping 'TEXT':}.
     */
    public static GradientClipping parse(String text) {
        String[] p = text.split(":", -1);
        String who = "clipping '" + text + "'";
        if (p.length == 2) {
            double v;
            try {
                v = Double.parseDouble(p[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(who + ": '" + p[1] + "' is not a number");
            }
            switch (p[0].toLowerCase(Locale.ROOT)) {
                case "norm":
                    return byNorm(Checks.positive(who, "maximum norm", v));
                case "value":
                    return byValue(Checks.positive(who, "limit", v));
                default:
            }
        }
        throw new IllegalArgumentException(who + ": expected norm:MAX or value:LIMIT");
    }

    @Override
    public void afterBackprop(int epoch, int iteration, Map<String, Parameter> parameters) {
        boolean changed = byNorm ? clipNorm(parameters) : clipValues(parameters);
        if (changed) {
            clipped++;
        }
    }

    private boolean clipNorm(Map<String, Parameter> parameters) {
        double sq = 0;
        for (Parameter p : parameters.values()) {
            for (double g : p.grad().data()) {
                sq += g * g;
            }
        }
        double norm = Math.sqrt(sq);
        if (norm <= limit) {
            return false;
        }
        double scale = limit / (norm + 1e-6);
        for (Parameter p : parameters.values()) {
            double[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
        }
        return true;
    }

    private boolean clipValues(Map<String, Parameter> parameters) {
        boolean changed = false;
        for (Parameter p : parameters.values()) {
            double[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) {
                if (g[i] > limit) {
                    g[i] = limit;
                    changed = true;
                } else if (g[i] < -limit) {
                    g[i] = -limit;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** How many steps this clipping changed so far. */
    public long clippedSteps() {
        return clipped;
    }

    @Override
    public String toString() {
        return (byNorm ? "clipping by norm " : "clipping by value ") + limit;
    }
}

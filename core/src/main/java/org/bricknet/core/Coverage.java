package org.bricknet.core;

/**
 * Which parameters a weight decay covers ({@link L2Decay}, {@code AdamW}), decided from a
 * parameter's key in the network's map and the parameter itself.
 */
@FunctionalInterface
public interface Coverage {
    /**
     * The weights: parameters of rank 2 or more ({@link Parameter#isWeight()}: weight matrices and
     * filters, not biases nor BatchNorm's γ and β), as the book's {@code MultiLayerNet} decays them.
     */
    Coverage WEIGHTS = (key, p) -> p.isWeight();

    /** Every parameter, biases included, as PyTorch decays every parameter of a group. */
    Coverage ALL = (key, p) -> true;

    /** Whether the parameter under {@code key} decays. */
    boolean covers(String key, Parameter p);

    /** {@code weights}, {@code all}, or {@code custom} for any other coverage. */
    static String label(Coverage c) {
        return c == WEIGHTS ? "weights" : c == ALL ? "all" : "custom";
    }

    /** {@code weights} or {@code all}. */
    static Coverage parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equals("weights")) {
            return WEIGHTS;
        }
        if (t.equals("all")) {
            return ALL;
        }
        throw new IllegalArgumentException("expected weights|all, got '" + text + "'");
    }
}

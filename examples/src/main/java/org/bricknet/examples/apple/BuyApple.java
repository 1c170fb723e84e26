package org.bricknet.examples.apple;

import java.io.PrintStream;
import java.util.Map;
import org.bricknet.core.Graph;
import org.bricknet.core.Tensor;
import org.bricknet.layers.MulLayer;

/**
 * The book's {@code ch05/buy_apple.py}: 2 apples at 100 each, with a consumption tax of 1.1, as a
 * graph of two {@link MulLayer}s:
 *
 * <pre>
 *   apple ──┐
 *           ├─ mul_apple_layer ──┐
 *   apple_num ┘                  ├─ mul_tax_layer ── price
 *   tax ─────────────────────────┘
 * </pre>
 *
 * Forward gives the price; backward from {@code dprice = 1} gives how much the price moves per unit
 * of each input. It prints what the book prints:
 *
 * <pre>
 * price: 220
 * dApple: 2.2
 * dApple_num: 110
 * dTax: 200
 * </pre>
 *
 * Run it with {@code java -cp examples/target/bricknet.jar org.bricknet.examples.apple.BuyApple}.
 */
public final class BuyApple {
    private BuyApple() {}

    /** The graph: inputs apple, apple_num and tax (one value each), output mul_tax_layer, the price. */
    public static Graph graph() {
        return Graph.builder()
                .input("apple", 1)
                .input("apple_num", 1)
                .input("tax", 1)
                .node("mul_apple_layer", new MulLayer(), "apple", "apple_num")
                .node("mul_tax_layer", new MulLayer(), "mul_apple_layer", "tax")
                .output("mul_tax_layer")
                .build();
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Forward, backward, and the book's four lines on {@code out}. */
    public static void run(PrintStream out) {
        Graph g = graph();
        g.setInputGradientNeeded(true);
        // forward
        double price = g.forward(Map.of("apple", one(100), "apple_num", one(2), "tax", one(1.1)))
                .get("mul_tax_layer")
                .data()[0];
        // backward: one gradient per input, in the order of the graph's inputs
        Tensor[] d = g.backward(new Tensor[] {one(1)}); // dprice = 1
        double dapple = d[0].data()[0];
        double dappleNum = d[1].data()[0];
        double dtax = d[2].data()[0];

        out.println("price: " + (long) price); // the book prints int(price)
        out.println("dApple: " + dapple);
        out.println("dApple_num: " + (long) dappleNum); // int(dapple_num)
        out.println("dTax: " + (long) dtax); // an int in the book: 100 * 2
    }

    /** A batch of one example of one value. */
    static Tensor one(double v) {
        return Tensor.of(new double[] {v}, 1, 1);
    }
}

package org.bricknet.examples.apple;

import java.io.PrintStream;
import java.util.Map;
import org.bricknet.core.Graph;
import org.bricknet.core.Tensor;
import org.bricknet.layers.AddLayer;
import org.bricknet.layers.MulLayer;

/**
 * The book's {@code ch05/buy_apple_orange.py}: 2 apples at 100 and 3 oranges at 150, with a
 * consumption tax of 1.1, as a graph of {@link MulLayer}s and an {@link AddLayer}:
 *
 * <pre>
 *   apple, apple_num ───── mul_apple_layer ──┐
 *                                            ├─ add_apple_orange_layer ──┐
 *   orange, orange_num ─── mul_orange_layer ─┘                           ├─ mul_tax_layer ── price
 *   tax ─────────────────────────────────────────────────────────────────┘
 * </pre>
 *
 * It prints what the book prints:
 *
 * <pre>
 * price: 715
 * dApple: 2.2
 * dApple_num: 110
 * dOrange: 3.3000000000000003
 * dOrange_num: 165
 * dTax: 650
 * </pre>
 *
 * Run it with {@code java -cp examples/target/bricknet.jar org.bricknet.examples.apple.BuyAppleOrange}.
 */
public final class BuyAppleOrange {
    private BuyAppleOrange() {}

    /** The graph: inputs apple, apple_num, orange, orange_num and tax; output mul_tax_layer, the price. */
    public static Graph graph() {
        return Graph.builder()
                .input("apple", 1)
                .input("apple_num", 1)
                .input("orange", 1)
                .input("orange_num", 1)
                .input("tax", 1)
                .node("mul_apple_layer", new MulLayer(), "apple", "apple_num") // (1)
                .node("mul_orange_layer", new MulLayer(), "orange", "orange_num") // (2)
                .node("add_apple_orange_layer", new AddLayer(), "mul_apple_layer", "mul_orange_layer") // (3)
                .node("mul_tax_layer", new MulLayer(), "add_apple_orange_layer", "tax") // (4)
                .output("mul_tax_layer")
                .build();
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Forward, backward, and the book's six lines on {@code out}. */
    public static void run(PrintStream out) {
        Graph g = graph();
        g.setInputGradientNeeded(true);
        double price = g.forward(Map.of(
                        "apple", BuyApple.one(100),
                        "apple_num", BuyApple.one(2),
                        "orange", BuyApple.one(150),
                        "orange_num", BuyApple.one(3),
                        "tax", BuyApple.one(1.1)))
                .get("mul_tax_layer")
                .data()[0];
        Tensor[] d = g.backward(new Tensor[] {BuyApple.one(1)}); // dprice = 1; one gradient per input, in order

        out.println("price: " + (long) price); // int(price)
        out.println("dApple: " + d[0].data()[0]);
        out.println("dApple_num: " + (long) d[1].data()[0]); // int(dapple_num)
        out.println("dOrange: " + d[2].data()[0]);
        out.println("dOrange_num: " + (long) d[3].data()[0]); // int(dorange_num)
        out.println("dTax: " + (long) d[4].data()[0]); // an int in the book: 200 + 450
    }
}

package org.bricknet.examples.apple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.bricknet.core.Graph;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.GradientReport;
import org.bricknet.core.check.Tolerance;
import org.junit.jupiter.api.Test;

/**
 * The chapter 5 examples print exactly what the book's scripts print (Python 3 on the book's
 * {@code layer_naive.py}, lines copied from its output), and their graphs pass the gradient check.
 */
class ApplesTest {
    private static String printed(Consumer<PrintStream> run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        run.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void buyAppleAsTheBookPrintsIt() {
        assertEquals("price: 220\ndApple: 2.2\ndApple_num: 110\ndTax: 200\n", printed(BuyApple::run));
    }

    @Test
    void buyAppleOrangeAsTheBookPrintsIt() {
        assertEquals(
                "price: 715\ndApple: 2.2\ndApple_num: 110\ndOrange: 3.3000000000000003\ndOrange_num: 165\ndTax: 650\n",
                printed(BuyAppleOrange::run));
    }

    @Test
    void theGraphsOfMulAndAddLayersPassTheGradientCheck() {
        Graph g = BuyAppleOrange.graph();
        Tensor[] prices = {BuyApple.one(100), BuyApple.one(2), BuyApple.one(150), BuyApple.one(3), BuyApple.one(1.1)};
        GradientReport r = GradientCheck.brick(g, prices, 7, CheckMode.full(), Tolerance.DEFAULT);
        assertTrue(r.passed(), r::toString);
        assertEquals(5, r.rows().size(), r::toString); // one row per input: the graph has no parameters
    }
}

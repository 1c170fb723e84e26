package org.bricknet.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.GraphListener;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A graph runs a Convolution, a Relu and a MaxPooling in a row as one layer while no listener is
 * attached, with the bits of the three layers run one by one (which a listener makes it do); a
 * value between them that something else reads keeps them apart.
 */
@Tag("engine")
class ConvolutionReluPoolingTest {

    /** Two stages, so that the second convolution's input gradient is made too. */
    private static Graph twoStages(long seed) {
        return Graph.builder()
                .input("x", 2, 13, 13)
                .node("conv1", new Convolution(6, 3, 3, 1, 1, WeightInit.he()), "x")
                .node("relu1", new Relu(), "conv1")
                .node("pool1", new MaxPooling(2, 2, 2, 0), "relu1")
                .node("conv2", new Convolution(5, 3, 3, 1, 0, WeightInit.he()), "pool1")
                .node("relu2", new Relu(), "conv2")
                .node("pool2", new MaxPooling(3, 3, 1, 1), "relu2")
                .node("fc", new Affine(4, WeightInit.he()), "pool2")
                .output("fc")
                .build(new Random(seed));
    }

    @Test
    void threeLayersInARowRunAsOneWithTheBitsOfTheThree() {
        Graph fused = twoStages(5);
        Graph apart = twoStages(5);
        apart.addListener(new GraphListener() {});
        assertEquals(
                List.of(List.of("conv1", "relu1", "pool1"), List.of("conv2", "relu2", "pool2")), fused.fusedNodes());
        assertTrue(
                fused.summary()
                        .endsWith("outputs: fc\nruns conv1 + relu1 + pool1 as one layer (the same bits; a listener sees"
                                + " them apart)\nruns conv2 + relu2 + pool2 as one layer (the same bits; a listener"
                                + " sees them apart)"),
                fused.summary());
        Random r = new Random(6);
        for (boolean inputGradient : new boolean[] {false, true}) {
            fused.setInputGradientNeeded(inputGradient);
            apart.setInputGradientNeeded(inputGradient);
            Tensor x = Tensor.randn(r, 1.0, 7, 2, 13, 13);
            Tensor dout = Tensor.randn(r, 1.0, 7, 4);
            assertArrayEquals(apart.forward(x).data(), fused.forward(x).data());
            Tensor dxApart = apart.backward(dout);
            Tensor dxFused = fused.backward(dout);
            if (inputGradient) {
                assertArrayEquals(dxApart.data(), dxFused.data());
            }
            Map<String, Parameter> expected = apart.namedParameters();
            fused.namedParameters()
                    .forEach((name, p) -> assertArrayEquals(
                            expected.get(name).grad().data(), p.grad().data(), "gradient of " + name));
        }
        // the fused graph's Relu never saw the batch of 7 (the apart graph's did)
        Tensor batchOf7 = Tensor.zeros(7, 6, 13, 13);
        ((Relu) apart.nodes().get("relu1")).backward(batchOf7);
        Relu relu = (Relu) fused.nodes().get("relu1");
        assertThrows(RuntimeException.class, () -> relu.backward(batchOf7));
    }

    @Test
    void aValueThatSomethingElseReadsKeepsTheLayersApart() {
        Graph reluIsAnOutput = Graph.builder()
                .input("x", 1, 6, 6)
                .node("conv", new Convolution(2, 3, 3, 1, 0, WeightInit.he()), "x")
                .node("relu", new Relu(), "conv")
                .node("pool", new MaxPooling(2, 2, 2, 0), "relu")
                .output("pool", "relu")
                .build(new Random(1));
        assertEquals(List.of(), reluIsAnOutput.fusedNodes());
        Graph leakyRelu = Graph.builder()
                .input("x", 1, 6, 6)
                .node("conv", new Convolution(2, 3, 3, 1, 0, WeightInit.he()), "x")
                .node("relu", new LeakyRelu(0.1), "conv")
                .node("pool", new MaxPooling(2, 2, 2, 0), "relu")
                .output("pool")
                .build(new Random(1));
        assertEquals(List.of(), leakyRelu.fusedNodes());
    }

    @Test
    void aPoolingWindowLargerThanTheConvolutionsOutputIsRefusedAsMaxPoolingWouldBe() {
        Convolution conv = new Convolution(Tensor.zeros(2, 1, 3, 3), Tensor.zeros(2), 1, 0);
        MaxPooling pool = new MaxPooling(5, 5, 1, 0);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> conv.fusedWith(new Relu(), pool).forward(Tensor.zeros(1, 1, 6, 6)));
        String apart = assertThrows(IllegalArgumentException.class, () -> pool.forward(Tensor.zeros(1, 2, 4, 4)))
                .getMessage();
        assertEquals(apart, e.getMessage());
    }
}

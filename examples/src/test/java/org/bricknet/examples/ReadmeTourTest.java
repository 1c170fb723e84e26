package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Graph;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Architecture;
import org.bricknet.core.io.BrickRegistry;
import org.bricknet.core.io.BrickType;
import org.bricknet.core.io.Mnist;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.examples.custom.Swish;
import org.bricknet.layers.Add;
import org.bricknet.layers.Affine;
import org.bricknet.layers.BatchNormalization;
import org.bricknet.layers.Concat;
import org.bricknet.layers.Convolution;
import org.bricknet.layers.Dropout;
import org.bricknet.layers.MaxPooling;
import org.bricknet.layers.Relu;
import org.bricknet.layers.WeightInit;
import org.bricknet.losses.SoftmaxWithLoss;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.minimize.Lbfgs;
import org.bricknet.optim.minimize.NetworkFunction;
import org.bricknet.optim.minimize.OptimizeResult;
import org.bricknet.optim.minimize.Rosenbrock;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's tour, run as written (on slices of the embedded digits, to stay quick). */
class ReadmeTourTest {
    @TempDir
    Path dir;

    private final Mnist.Split digits = Datasets.mnist10k();

    @Test
    void assembleComputeGradientsTrainAndSave() throws Exception {
        Random random = new Random(42);
        Network net = new Network()
                .add("Affine1", new Affine(784, 50, 0.01, random))
                .add("Relu1", new Relu())
                .add("Affine2", new Affine(50, 10, 0.01, random))
                .withLoss(new SoftmaxWithLoss());
        assertEquals(
                List.of("W1", "b1", "W2", "b2"), List.copyOf(net.parameters().keySet()));
        Dataset few = digits.train().slice(0, 3);
        Tensor x = few.inputs();
        Tensor t = few.targets();
        assertArrayEquals(new int[] {3, 10}, net.predict(x).shape());
        Map<String, Tensor> grads = net.gradient(x, t);
        Map<String, Tensor> nums = net.numericalGradient(x, t);
        assertTrue(GradientCheck.compare(grads, nums).passed());

        TrainingHistory h = new Trainer(net, Optimizers.create("sgd", 0.1))
                .epochs(10)
                .batchSize(100)
                .seed(42)
                .quiet()
                .evaluateOn(digits.test().slice(0, 500))
                .fit(digits.train().slice(0, 2000));
        assertTrue(h.last().testAccuracy() > 0.8, h.toCsv());
        Path file = dir.resolve("two-layer.safetensors");
        ModelFiles.save(file, net, Map.of("model", "mine"));
        assertEquals("mine", ModelFiles.read(file).metadata().get("model"));
    }

    @Test
    void theSmallConvolutionalNetwork() {
        Random random = new Random(42);
        Network cnn = new Network()
                .add("Conv1", new Convolution(30, 1, 5, 5, 1, 0, WeightInit.he(), random))
                .add("Relu1", new Relu())
                .add("Pool1", new MaxPooling(2, 2, 2, 0))
                .add("Affine2", new Affine(30 * 12 * 12, 100, WeightInit.he(), random))
                .add("BatchNorm2", new BatchNormalization(100))
                .add("Relu2", new Relu())
                .add("Dropout2", new Dropout(0.5, random))
                .add("Affine3", new Affine(100, 10, WeightInit.he(), random))
                .withLoss(new SoftmaxWithLoss());
        assertEquals(
                List.of("W1", "b1", "W2", "b2", "gamma2", "beta2", "W3", "b3"),
                List.copyOf(cnn.parameters().keySet()));
        Dataset images = digits.test().slice(0, 4).asImages(1, 28, 28);
        assertArrayEquals(new int[] {4, 10}, cnn.predict(images.inputs()).shape());
        assertTrue(Double.isFinite(cnn.loss(images.inputs(), images.targets())));
    }

    @Test
    void minimizeAndTrainByLbfgs() {
        OptimizeResult r = new Lbfgs().minimize(new Rosenbrock(), Rosenbrock.classicStart(10));
        assertTrue(r.success(), r::toString);
        Network net = new TwoLayerNet(784, 10, 10, new Random(1));
        Dataset train = digits.train().slice(0, 500);
        NetworkFunction fn = new NetworkFunction(net, train.inputs(), train.targets());
        double before = net.loss(train.inputs(), train.targets());
        fn.setParameters(
                new Lbfgs().maxIterations(20).minimize(fn, fn.parameters()).x());
        assertTrue(net.loss(train.inputs(), train.targets()) < before / 2);
    }

    @Test
    void buildAGraph() throws Exception {
        Random random = new Random(42);
        Graph block = Graph.builder() // in + fc2(relu(bn(fc1(in))))
                .input("in", 100)
                .node("fc1", new Affine(100, WeightInit.he()), "in") // its input size comes from the graph
                .node("bn", new BatchNormalization(), "fc1")
                .node("relu", new Relu(), "bn")
                .node("fc2", new Affine(100, WeightInit.he()), "relu")
                .node("add", new Add(), "in", "fc2") // the residual: "in" is taken twice
                .output("add")
                .build(random);
        Graph graph = Graph.builder()
                .input("x", 784) // one example: 784 values
                .node("fc0", new Affine(100, WeightInit.he()), "x")
                .node("res1", block, "fc0") // a graph is a brick: graphs nest
                .node("scores", new Affine(10, WeightInit.he()), "res1")
                .loss("loss", new SoftmaxWithLoss(), "scores") // against the targets named "t"
                .build(random);
        Network net = new Network(graph); // trains, checks and saves like any Network
        System.out.println(graph.summary());
        Files.writeString(dir.resolve("graph.dot"), graph.toDot()); // dot -Tpng graph.dot -o graph.png

        Dataset few = digits.train().slice(0, 3);
        assertArrayEquals(new int[] {3, 10}, net.predict(few.inputs()).shape());
        assertEquals(
                List.of(
                        "fc0.W",
                        "fc0.b",
                        "res1.fc1.W",
                        "res1.fc1.b",
                        "res1.bn.gamma",
                        "res1.bn.beta",
                        "res1.fc2.W",
                        "res1.fc2.b",
                        "scores.W",
                        "scores.b"),
                List.copyOf(net.parameters().keySet()));
        assertEquals(
                String.join(
                        "\n",
                        "Graph: 1 input, 3 nodes, 1 output, 1 loss",
                        "  node    brick              takes      output shape  parameters",
                        "  ------  -----------------  ---------  ------------  ----------",
                        "  x       input                         (N, 784)               0",
                        "  fc0     Affine(784 → 100)  x          (N, 100)          78,500",
                        "  res1    graph of 5 nodes   fc0        (N, 100)          20,400",
                        "  scores  Affine(100 → 10)   res1       (N, 10)            1,010",
                        "  loss    SoftmaxWithLoss    scores, t  scalar                 0",
                        "  ------  -----------------  ---------  ------------  ----------",
                        "total parameters: 99,910 in 10 tensors",
                        "buffers, not trained: 200 values in 2 tensors",
                        "outputs: scores"),
                graph.summary()); // as the README shows it

        // the two mistakes the README shows
        IllegalArgumentException typo = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> Graph.builder()
                        .input("in", 100)
                        .node("fc1", new Affine(100, WeightInit.he()), "in")
                        .node("bn", new BatchNormalization(), "fc1")
                        .node("relu", new Relu(), "bn")
                        .node("fc2", new Affine(100, WeightInit.he()), "relu2")
                        .node("add", new Add(), "in", "fc2")
                        .output("add")
                        .build(random));
        assertEquals(
                "Graph: node 'fc2' takes 'relu2', which no node gives (did you mean 'relu'?); reachable from the"
                        + " inputs: in, fc1, bn, relu",
                typo.getMessage());
        IllegalArgumentException misfit = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> Graph.builder()
                        .input("in", 100)
                        .node("fc2", new Affine(50, WeightInit.he()), "in")
                        .node("add", new Add(), "in", "fc2")
                        .output("add")
                        .build(random));
        assertEquals(
                "Add 'add' takes 'in' (N, 100), 'fc2' (N, 50): Add expects inputs of one shape (no broadcasting),"
                        + " got (100,) and (50,)",
                misfit.getMessage());

        Affine embed = new Affine(784, 64, WeightInit.he(), random);
        Graph siamese = Graph.builder()
                .input("left", 784)
                .input("right", 784)
                .node("embedLeft", embed, "left")
                .node(
                        "embedRight",
                        new Affine(embed.weights().value(), embed.bias().value()),
                        "right") // same W, b
                .node("both", new Concat(), "embedLeft", "embedRight")
                .node("scores", new Affine(2, WeightInit.he()), "both")
                .loss("loss", new SoftmaxWithLoss(), "scores")
                .build(random);
        assertEquals(
                List.of("embedLeft.W", "embedLeft.b", "scores.W", "scores.b"),
                List.copyOf(siamese.namedParameters().keySet()));
    }

    @Test
    void architectureFiles() throws Exception {
        Path examples = Path.of("architectures");
        Architecture a = Architecture.read(examples.resolve("residual-mlp.json"));
        Network net = new Network(a.build(new Random(42))); // checked whole before the first weight is drawn
        assertEquals(40, a.training().orElseThrow().epochs());
        Path file = dir.resolve("residual.safetensors");
        ModelFiles.saveGraph(file, net); // the architecture rides in __metadata__
        Network same = ModelFiles.loadGraph(file); // no code needed
        Tensor x = digits.test().slice(0, 5).inputs();
        assertArrayEquals(net.predict(x).data(), same.predict(x).data());
        Architecture.of(net.graph()).write(dir.resolve("mine.json")); // any graph of registered bricks
        BrickRegistry.register(
                BrickType.of("Swish", Swish.class).create(s -> new Swish()).build());
        assertEquals("Swish", BrickRegistry.standard().type("Swish").name());
    }
}

package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.TensorFormat;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.inspect.Activations;
import org.bricknet.core.inspect.EvaluationReport;
import org.bricknet.core.inspect.Trace;
import org.bricknet.core.io.ClassNames;
import org.bricknet.core.io.Mnist;
import org.bricknet.examples.plots.ActivationHistograms;
import org.bricknet.examples.plots.GradientNormPlot;
import org.bricknet.examples.plots.HistoryPlot;
import org.bricknet.optim.Sgd;
import org.bricknet.optim.training.EarlyStopping;
import org.bricknet.optim.training.GradientClipping;
import org.bricknet.optim.training.GradientNorms;
import org.bricknet.optim.training.LearningRateSchedule;
import org.bricknet.optim.training.Metric;
import org.bricknet.optim.training.Trainer;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's section for teachers, run as written (on slices of the embedded digits, few epochs). */
class ReadmeTeachersTest {
    @TempDir
    Path dir;

    private final Mnist.Split digits = Datasets.mnist10k();

    @Test
    void printAndCompareTensors() {
        Network net = new TwoLayerNet(784, 20, 10, new Random(1));
        Dataset few = digits.train().slice(0, 3);
        Tensor x = few.inputs();
        Tensor t = few.targets();
        Map<String, Tensor> grads = net.gradient(x, t), nums = net.numericalGradient(x, t);
        double worst = grads.get("W1").subtract(nums.get("W1")).abs().max();
        boolean same = grads.get("W1").allClose(nums.get("W1"), 1e-6, 1e-8);
        Tensor predicted = net.predict(x).argmax(1);
        assertTrue(worst < 1e-8 && same, "worst " + worst);
        assertEquals(3, predicted.size());
        assertTrue(grads.get("W1").toString().startsWith("Tensor(784, 20)\n[["));
    }

    @Test
    void traceOneMiniBatchAsTheReadmeShowsIt() {
        Dataset batch = digits.train().slice(0, 100);
        Trace trace = Trace.of(new TwoLayerNet(784, 50, 10, new Random(42)), batch.inputs(), batch.targets(), false);
        String[] lines = trace.toString().split("\n");
        assertEquals(
                "Relu1    Relu             forward   out      (100, 50)      0.03351     0.05170        0.000       0.3606"
                        + "   52.1%",
                lines[2]);
        assertEquals(
                "loss     SoftmaxWithLoss  forward   loss     (1,)             2.301       0.000        2.301        2.301"
                        + "    0.0%",
                lines[4]);
        Trace small = Trace.of(
                new TwoLayerNet(4, 3, 2, new Random(1)),
                Tensor.matrix(new double[][] {{0.5, -1, 2, 0}, {1, 1, -1, 0.25}}),
                Tensor.vector(0, 1),
                true);
        assertTrue(small.values(TensorFormat.DEFAULT).contains("Affine1 backward dL/dW1: Tensor(4, 3)"));
    }

    @Test
    void activationsAndGradientsAsPictures() throws Exception {
        Network net = new NielsenNetwork(new Random(1), 784, 30, 30, 30, 30, 10);
        Dataset train = digits.train().slice(0, 300);
        Tensor x = digits.train().slice(0, 100).inputs();
        Map<String, Map<String, Tensor>> rows = new LinkedHashMap<>();
        rows.put("at initialisation", Activations.record(net, x));
        GradientNorms norms = new GradientNorms();
        new Trainer(net, new Sgd(0.1)).epochs(2).quiet().watchGradients(norms).fit(train);
        rows.put("after training", Activations.record(net, x));
        ActivationHistograms.write(rows, "hidden activations", dir.resolve("activations.png"));
        GradientNormPlot.write(
                norms, List.of("b1", "b2", "b3", "b4", "b5"), "vanishing gradients", dir.resolve("g.png"));
        assertEquals(
                List.of("Sigmoid1", "Sigmoid2", "Sigmoid3", "Sigmoid4"),
                List.copyOf(rows.get("after training").keySet()));
        assertTrue(Files.size(dir.resolve("activations.png")) > 0 && Files.size(dir.resolve("g.png")) > 0);
    }

    @Test
    void overFittingEarlyStoppingAndAReport() throws Exception {
        Network net = new TwoLayerNet(784, 30, 10, new Random(2));
        Dataset train = digits.train().slice(0, 500);
        Dataset test = digits.test().slice(0, 200);
        TrainingHistory h = new Trainer(net, new Sgd(0.1))
                .epochs(3)
                .validationSplit(0.2)
                .evaluateOn(test)
                .earlyStopping(EarlyStopping.on(Metric.VALIDATION_LOSS, 5))
                .schedule(LearningRateSchedule.cosine(3, 0))
                .clipGradients(GradientClipping.byNorm(5))
                .quiet()
                .fit(train);
        HistoryPlot.write(h, "mlp", dir.resolve("history.png"));
        assertTrue(h.last().hasValidation() && !Double.isNaN(h.last().testLoss()));
        EvaluationReport r = EvaluationReport.of(net, test, ClassNames.recognise(digits));
        assertTrue(r.toString().contains("macro average"), r.toString());
        assertEquals(200, r.examples());
    }
}

package org.bricknet.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bricknet.core.L2Decay;
import org.bricknet.core.Network;
import org.bricknet.core.io.Mnist;
import org.bricknet.layers.BatchNormalization;
import org.bricknet.layers.Dropout;
import org.bricknet.layers.torch.TorchModule;
import org.bricknet.layers.torch.TorchSequential;
import org.bricknet.losses.MeanSquaredError;
import org.bricknet.losses.SoftmaxWithLoss;
import org.bricknet.optim.Adam;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Optimizers;
import org.bricknet.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's sections on conventions and on PyTorch models, run as written. */
class ReadmeConventionsTest {
    @TempDir
    Path dir;

    private final Random random = new Random(42);
    private final Mnist.Split digits = Datasets.mnist10k();

    @Test
    void theBooksNumbersOrPyTorchs() {
        Optimizer adam = Adam.pytorch(0.001); // torch.optim.Adam(lr=0.001)
        Optimizer sgd = new Sgd(0.1).withL2Decay(L2Decay.all(1e-4)); // torch.optim.SGD(lr=0.1, weight_decay=1e-4)
        Optimizer same = Optimizers.create("adam", 0.001, Map.of("convention", "pytorch", "eps", "1e-8"));
        BatchNormalization bn = BatchNormalization.pytorch(100); // nn.BatchNorm1d(100)
        Dropout drop = Dropout.book(0.5, random); // the book's: ×(1 − 0.5) at evaluation
        MeanSquaredError mse = new MeanSquaredError(MeanSquaredError.Reduction.MEAN); // nn.MSELoss()

        assertEquals(adam.hyperparameters(), same.hyperparameters());
        assertEquals("all", sgd.hyperparameters().get("l2_covers"));
        assertEquals(1e-5, bn.eps());
        assertEquals(Dropout.Form.BOOK, drop.form());
        assertEquals(MeanSquaredError.Reduction.MEAN, mse.reduction());
    }

    @Test
    void bringAPyTorchModelInAndSendOneBack() throws Exception {
        // the file a PyTorch user would have: here made from a bricknet network of the same form
        Network trained = new TwoLayerNet(784, 100, 10, new Random(1));
        Path dir = this.dir;
        TorchSequential.save(dir.resolve("mlp.safetensors"), trained);
        Path mlpFile = dir.resolve("mlp.safetensors");
        Path back = dir.resolve("back.safetensors");

        Network mlp = TorchSequential.load(
                        mlpFile, List.of(TorchModule.linear(), TorchModule.relu(), TorchModule.linear()), random)
                .withLoss(new SoftmaxWithLoss());
        double accuracy = mlp.accuracy(digits.test().inputs(), digits.test().targets());
        TorchSequential.save(back, mlp); // model.load_state_dict(load_file("back.safetensors"))
        String described = TorchSequential.describe(mlp);

        assertEquals(trained.accuracy(digits.test().inputs(), digits.test().targets()), accuracy);
        assertEquals("nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10))", described);
        assertArrayEquals(
                TorchSequential.stateDict(trained).get("2.weight").data(),
                org.bricknet.core.io.SafeTensors.load(back)
                        .tensors()
                        .get("2.weight")
                        .data(),
                0.0);
    }
}

package org.bricknet.optim.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bricknet.core.Network;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.testing.Seeds;
import org.bricknet.optim.Optimizer;
import org.bricknet.optim.Optimizers;

/**
 * Every optimizer, through the trainer, fits the two blobs: 10 epochs of batch 20 on 200 points.
 * Seen over 3 seeds each: the training-set loss falls from 0.5-0.7 to 0.03-0.06, the test
 * accuracy ends at 0.97-0.99 (the Bayes rate is 0.983).
 */
class TrainerLearnsProperties {
    private static final Dataset TRAIN = Blobs.of(200, new Random(1));
    private static final Dataset TEST = Blobs.of(100, new Random(2));

    @Provide
    Arbitrary<String> optimizers() {
        return Arbitraries.of(Optimizers.NAMES);
    }

    @Property(tries = 28, seed = Seeds.FIXED)
    void lowersTheLossAndSeparatesTheBlobs(@ForAll("optimizers") String name, @ForAll long seed) {
        Network net = Blobs.network(seed);
        double before = net.loss(TRAIN.inputs(), TRAIN.targets());
        Optimizer opt = Optimizers.create(name, name.startsWith("adam") ? 0.01 : 0.1);
        TrainingHistory h = new Trainer(net, opt)
                .epochs(10)
                .batchSize(20)
                .seed(seed)
                .evaluateOn(TEST)
                .quiet()
                .fit(TRAIN);
        double after = net.loss(TRAIN.inputs(), TRAIN.targets());
        assertTrue(after < 0.25 * before, name + ": loss " + before + " -> " + after);
        assertTrue(h.last().meanLoss() < h.epochs().get(0).meanLoss(), name + ": " + h.toCsv());
        assertTrue(h.last().testAccuracy() >= 0.95, name + ": " + h.toCsv());
        assertTrue(h.last().trainAccuracy() >= 0.95, name + ": " + h.toCsv());
    }
}

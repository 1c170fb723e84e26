package org.bricknet.losses;

import java.util.List;
import org.bricknet.core.io.BrickType;
import org.bricknet.core.io.BrickTypeProvider;

/**
 * Every loss of this module as a {@link BrickType} an architecture file's {@code losses} can name,
 * found by {@link java.util.ServiceLoader}: {@code SoftmaxWithLoss}, {@code SigmoidWithLoss} and
 * {@code MeanSquaredError}, none with settings.
 */
public final class LossTypes implements BrickTypeProvider {
    @Override
    public List<BrickType<?>> brickTypes() {
        return List.of(
                BrickType.of("SoftmaxWithLoss", SoftmaxWithLoss.class)
                        .create(s -> new SoftmaxWithLoss())
                        .build(),
                BrickType.of("SigmoidWithLoss", SigmoidWithLoss.class)
                        .create(s -> new SigmoidWithLoss())
                        .build(),
                BrickType.of("MeanSquaredError", MeanSquaredError.class)
                        .create(s -> new MeanSquaredError())
                        .build());
    }
}

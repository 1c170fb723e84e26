/**
 * Optimizers and the trainer.
 *
 * <p>An {@link org.bricknet.optim.Optimizer} updates the {@link org.bricknet.core.Parameter}s of a
 * network in place from their gradients: {@link org.bricknet.optim.Sgd},
 * {@link org.bricknet.optim.Momentum}, {@link org.bricknet.optim.Nesterov},
 * {@link org.bricknet.optim.AdaGrad}, {@link org.bricknet.optim.RmsProp},
 * {@link org.bricknet.optim.Adam} (the book's {@code common/optimizer.py}) and
 * {@link org.bricknet.optim.AdamW}; {@link org.bricknet.optim.Optimizers#create} makes one by name.
 * Each class states its update rule and where its ε goes.
 *
 * <p>The {@link org.bricknet.optim.training.Trainer} runs epochs of mini-batches
 * ({@code backprop}, divergence check, {@code step}), prints progress and a line per epoch, and
 * returns a {@link org.bricknet.optim.training.TrainingHistory}.
 */
package org.bricknet.optim;

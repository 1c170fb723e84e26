/**
 * The update rules: an {@link org.bricknet.optim.Optimizer} updates the {@link org.bricknet.core.Parameter}s
 * of a network in place from their gradients ({@link org.bricknet.optim.Sgd},
 * {@link org.bricknet.optim.Momentum}, {@link org.bricknet.optim.Nesterov}, {@link org.bricknet.optim.AdaGrad},
 * {@link org.bricknet.optim.RmsProp}, {@link org.bricknet.optim.Adam}, {@link org.bricknet.optim.AdamW});
 * {@link org.bricknet.optim.Optimizers#create} makes one by name and hyperparameters. Each class states its
 * update rule, where its ε goes, and whose {@link org.bricknet.optim.Convention} (the book's or PyTorch's) it
 * follows. {@link org.bricknet.core.L2Decay} is L2 weight decay on its own, over the parameters a
 * {@link org.bricknet.core.Coverage} selects.
 */
package org.bricknet.optim;

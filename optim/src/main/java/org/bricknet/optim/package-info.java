/**
 * The update rules: an {@link org.bricknet.optim.Optimizer} updates the {@link org.bricknet.core.Parameter}s
 * of a network in place from their gradients ({@link org.bricknet.optim.Sgd},
 * {@link org.bricknet.optim.Momentum}, {@link org.bricknet.optim.Nesterov}, {@link org.bricknet.optim.AdaGrad},
 * {@link org.bricknet.optim.RmsProp}, {@link org.bricknet.optim.Adam}, {@link org.bricknet.optim.AdamW});
 * {@link org.bricknet.optim.Optimizers#create} makes one by name. Each class states its update rule and where
 * its ε goes.
 */
package org.bricknet.optim;

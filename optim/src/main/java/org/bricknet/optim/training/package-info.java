/** Mini-batch training: the Trainer, its progress display, history and checkpoints. */
package org.bricknet.optim.training;

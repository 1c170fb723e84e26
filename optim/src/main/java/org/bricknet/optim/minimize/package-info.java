/** Full-batch minimizers in the spirit of scipy.optimize, and the bridge from a network to them. */
package org.bricknet.optim.minimize;

/** Demonstrations of the full-batch minimizers: scipy's fmin examples and logistic regression. */
package org.bricknet.examples.minimize;

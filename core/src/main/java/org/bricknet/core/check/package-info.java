/** Gradient checks: backprop against central differences, with modes, a tolerance and a report per tensor. */
package org.bricknet.core.check;

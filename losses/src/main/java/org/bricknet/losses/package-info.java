/** Loss bricks: the last brick of a network, scores and targets in, a scalar loss out. */
package org.bricknet.losses;

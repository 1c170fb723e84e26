/** The bricks: Affine, activations, convolution, pooling, dropout, batch normalization, weight initialisation. */
package org.bricknet.layers;

/** The model: tensors, parameters, bricks (Layer, LossLayer) and the Network that chains them. */
package org.bricknet.core;

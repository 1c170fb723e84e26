/**
 * Looking inside a network, for teachers and students: {@link org.bricknet.core.inspect.Trace} (one
 * mini-batch forward and backward, a row of statistics per brick and direction),
 * {@link org.bricknet.core.inspect.Activations} (the hidden layers' outputs, for the book's chapter
 * 6 histograms), {@link org.bricknet.core.inspect.TensorStats}, and
 * {@link org.bricknet.core.inspect.EvaluationReport} (confusion matrix, per-class precision, recall
 * and F1 with class names).
 */
package org.bricknet.core.inspect;

/**
 * The book's chapter 5 opening, backpropagation on a computational graph, as runnable graphs of its
 * scalar {@link org.bricknet.layers.MulLayer} and {@link org.bricknet.layers.AddLayer}:
 * {@link org.bricknet.examples.apple.BuyApple} and {@link org.bricknet.examples.apple.BuyAppleOrange}
 * print what the book's {@code buy_apple.py} and {@code buy_apple_orange.py} print.
 */
package org.bricknet.examples.apple;

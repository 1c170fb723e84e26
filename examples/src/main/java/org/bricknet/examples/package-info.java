/** The book's and Nielsen's networks built from bricks, and the embedded digits. */
package org.bricknet.examples;

/** A brick of one's own (Swish), as a user writes one and gradient-checks it. */
package org.bricknet.examples.custom;

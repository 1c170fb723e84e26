/** The jqwik contracts a brick's own test extends, and the tensor generators they use. */
package org.bricknet.core.contract;

/** The bricknet command line: every command of bricknet.jar. */
package org.bricknet.examples.cli;

/** How the work runs: matrix products and the other fast operations (Ops), and what they run on (Engine). */
package org.bricknet.core.engine;

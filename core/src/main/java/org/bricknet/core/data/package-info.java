/** Examples in memory: data sets, mini-batches and their sampling. */
package org.bricknet.core.data;

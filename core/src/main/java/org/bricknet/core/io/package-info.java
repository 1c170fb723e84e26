/** Files: IDX images and MNIST-layout directories, safetensors model files, atomic writes. */
package org.bricknet.core.io;

/**
 * PyTorch interop: a {@code nn.Sequential}'s {@code state_dict}, saved with
 * {@code safetensors.torch.save_file(model.state_dict(), path)}, loaded into a bricknet
 * {@link org.bricknet.core.Network} from the architecture the user names
 * ({@link org.bricknet.layers.torch.TorchModule}), and a bricknet network saved back in PyTorch's
 * names and layouts ({@link org.bricknet.layers.torch.TorchSequential}).
 */
package org.bricknet.layers.torch;

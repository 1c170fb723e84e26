package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.ModelFiles;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.examples.Activation;
import org.bricknet.layers.torch.TorchModule;
import org.bricknet.layers.torch.TorchSequential;
import org.bricknet.losses.SoftmaxWithLoss;
import picocli.CommandLine.Option;

/**
 * {@code --from-torch} of {@code evaluate} and {@code predict}: {@code --model FILE} is then a PyTorch
 * MLP's {@code state_dict} saved with {@code safetensors.torch.save_file(model.state_dict(), FILE)},
 * an {@code nn.Sequential} of {@code Linear} layers with a {@code ReLU} between each two, whose sizes
 * are read from its tensors; its outputs are read as logits (softmax for {@code predict}'s
 * probabilities), as a model trained with {@code CrossEntropyLoss} gives them.
 */
public final class TorchModelOption {
    private static final Pattern STATE_DICT_KEY = Pattern.compile("\\d+\\.(weight|bias)");

    @Option(
            names = "--from-torch",
            description = "FILE is a PyTorch nn.Sequential(Linear, ReLU, ..., Linear) state_dict saved by"
                    + " safetensors.torch.save_file; layer sizes are read from its tensors")
    boolean fromTorch;

    /** The model in {@code file}: bricknet's own format, or with {@code --from-torch} a PyTorch MLP. */
    SavedModel load(Path file) throws IOException {
        if (!fromTorch) {
            try {
                return SavedModel.load(file);
            } catch (BadFileException e) {
                SafeTensors.Contents c = ModelFiles.read(file);
                if (!c.metadata().containsKey("model")
                        && !c.tensors().isEmpty()
                        && c.tensors().keySet().stream()
                                .allMatch(k -> STATE_DICT_KEY.matcher(k).matches())) {
                    throw new BadFileException(
                            file.toString(),
                            "holds a PyTorch state_dict ("
                                    + c.tensors().keySet().iterator().next()
                                    + ", ...), not a bricknet model; add --from-torch");
                }
                throw e;
            }
        }
        String name = file.toString();
        Map<String, Tensor> state = SafeTensors.load(file).tensors();
        List<TorchModule> modules = TorchSequential.mlp(state, name);
        Network net = TorchSequential.build(state, modules, new Random(0), name);
        net.withLoss(new SoftmaxWithLoss());
        int[] sizes = new int[modules.size() / 2 + 2];
        int k = 0;
        for (int i = 0; i < modules.size(); i += 2) {
            Tensor w = state.get(i + ".weight");
            if (k == 0) {
                sizes[k++] = w.dim(1);
            }
            sizes[k++] = w.dim(0);
        }
        int[] hidden = java.util.Arrays.copyOfRange(sizes, 1, sizes.length - 1);
        ModelSpec spec = new ModelSpec(
                ModelSpec.Kind.MLP,
                new int[] {sizes[0]},
                hidden,
                sizes[sizes.length - 1],
                Activation.RELU,
                "he",
                0,
                false,
                0);
        return new SavedModel(spec, net);
    }
}

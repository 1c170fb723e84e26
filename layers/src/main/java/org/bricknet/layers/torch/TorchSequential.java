package org.bricknet.layers.torch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bricknet.core.Layer;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.SafeTensors;
import org.bricknet.layers.Affine;
import org.bricknet.layers.BatchNormalization;
import org.bricknet.layers.Convolution;
import org.bricknet.layers.Dropout;
import org.bricknet.layers.Flatten;
import org.bricknet.layers.MaxPooling;
import org.bricknet.layers.Relu;
import org.bricknet.layers.Sigmoid;
import org.bricknet.layers.Tanh;

/**
 * A PyTorch {@code nn.Sequential} in and out of bricknet. {@link #load} reads a {@code state_dict}
 * saved by {@code safetensors.torch.save_file(model.state_dict(), path)} (F32 or F64) and builds a
 * {@link Network} of the bricks that compute the modules the user names; {@link #save} writes a
 * bricknet MLP back with PyTorch's names and layouts, for {@code model.load_state_dict}.
 *
 * <p>Names: module {@code i}'s tensors are {@code i.weight}, {@code i.bias} ({@code Linear},
 * {@code Conv2d}, BatchNorm's γ and β), {@code i.running_mean}, {@code i.running_var} and
 * {@code i.num_batches_tracked} (BatchNorm; the last is not used). In bricknet, module {@code i} is
 * the layer {@code <Brick>i} ({@code Affine0}, {@code Relu1}, {@code BatchNorm2}, ...), so its
 * parameters are {@code W0, b0}, {@code gamma2, beta2}. Layouts: {@code Linear} stores
 * {@code W}ᵀ, {@code (out, in)}; {@code Conv2d} stores {@code (out, in, kh, kw)} as bricknet does.
 *
 * <p>The file is checked against the architecture before anything is built: every tensor must
 * belong to a module that takes it, with the shape that module needs, every module must find its
 * tensors, and consecutive {@code Linear}s must agree on their sizes.
 */
public final class TorchSequential {
    private static final Pattern KEY = Pattern.compile("(\\d{1,9})\\.([A-Za-z_]+)");

    private TorchSequential() {}

    /** The network {@code modules} form with the tensors of {@code file}; {@code random} draws Dropout's masks. */
    public static Network load(Path file, List<TorchModule> modules, Random random) throws IOException {
        return build(SafeTensors.load(file).tensors(), modules, random, file.toString());
    }

    /**
     * The network {@code modules} form with the tensors of a {@code state_dict}; {@code source}
     * names it in errors, which are {@link BadFileException}s saying which tensor or module is wrong.
     */
    public static Network build(Map<String, Tensor> stateDict, List<TorchModule> modules, Random random, String source)
            throws BadFileException {
        List<Map<String, Tensor>> byModule = split(stateDict, modules, source);
        Integer features = null;
        String from = null;
        for (int i = 0; i < modules.size(); i++) {
            Map<String, Tensor> t = byModule.get(i);
            String where = "module " + i + " (" + modules.get(i).kind().torchName() + ")";
            switch (modules.get(i).kind()) {
                case LINEAR -> {
                    Tensor w = require(t, "weight", i, where, source);
                    if (w.rank() != 2) {
                        throw bad(
                                source,
                                "tensor '" + i + ".weight' of " + where + " has shape " + w.shapeString()
                                        + "; expected (out, in)");
                    }
                    optionalVector(t, "bias", w.dim(0), i, where, source);
                    if (features != null && features != w.dim(1)) {
                        throw bad(source, where + " takes " + w.dim(1) + " inputs, but " + from + " gives " + features);
                    }
                    features = w.dim(0);
                    from = where;
                }
                case CONV2D -> {
                    Tensor w = require(t, "weight", i, where, source);
                    if (w.rank() != 4) {
                        throw bad(
                                source,
                                "tensor '" + i + ".weight' of " + where + " has shape " + w.shapeString()
                                        + "; expected (out, in, kh, kw)");
                    }
                    optionalVector(t, "bias", w.dim(0), i, where, source);
                    features = null;
                }
                case BATCH_NORM_1D, BATCH_NORM_2D -> {
                    Tensor w = require(t, "weight", i, where, source);
                    int f = w.size();
                    for (String name : List.of("weight", "bias", "running_mean", "running_var")) {
                        Tensor v = require(t, name, i, where, source);
                        if (!v.hasShape(new int[] {f})) {
                            throw bad(
                                    source,
                                    "tensor '" + i + "." + name + "' of " + where + " has shape " + v.shapeString()
                                            + "; expected (" + f + ",)");
                        }
                    }
                    if (modules.get(i).kind() == TorchModule.Kind.BATCH_NORM_1D && features != null && features != f) {
                        throw bad(source, where + " normalizes " + f + " features, but " + from + " gives " + features);
                    }
                }
                case MAX_POOL_2D, FLATTEN -> features = null;
                default -> {}
            }
        }
        Network net = new Network();
        for (int i = 0; i < modules.size(); i++) {
            TorchModule m = modules.get(i);
            Map<String, Tensor> t = byModule.get(i);
            net.add(brickName(m.kind()) + i, brick(m, t, random));
        }
        return net;
    }

    private static Layer brick(TorchModule m, Map<String, Tensor> t, Random random) {
        return switch (m.kind()) {
            case LINEAR -> {
                Tensor w = t.get("weight");
                yield new Affine(
                        transpose(w), t.containsKey("bias") ? t.get("bias").copy() : Tensor.zeros(w.dim(0)));
            }
            case CONV2D -> {
                Tensor w = t.get("weight");
                Tensor b = t.containsKey("bias") ? t.get("bias").copy() : Tensor.zeros(w.dim(0));
                yield new Convolution(w.copy(), b, m.stride(), m.padding());
            }
            case BATCH_NORM_1D, BATCH_NORM_2D -> {
                BatchNormalization bn = BatchNormalization.builder(
                                t.get("weight").size())
                        .gamma(t.get("weight").copy())
                        .beta(t.get("bias").copy())
                        .eps(m.eps())
                        .pytorchMomentum(m.momentum())
                        .unbiasedRunningVariance(true)
                        .build();
                bn.buffers().get("running_mean").copyFrom(t.get("running_mean"));
                bn.buffers().get("running_var").copyFrom(t.get("running_var"));
                yield bn;
            }
            case RELU -> new Relu();
            case SIGMOID -> new Sigmoid();
            case TANH -> new Tanh();
            case MAX_POOL_2D -> new MaxPooling(m.kernel(), m.kernel(), m.stride(), m.padding());
            case FLATTEN -> new Flatten();
            case DROPOUT -> new Dropout(m.p(), random);
        };
    }

    /** The tensors of each module, by their name within it; refuses a tensor no module takes. */
    private static List<Map<String, Tensor>> split(
            Map<String, Tensor> stateDict, List<TorchModule> modules, String source) throws BadFileException {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            out.add(new LinkedHashMap<>());
        }
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            Matcher k = KEY.matcher(e.getKey());
            if (!k.matches()) {
                throw bad(
                        source,
                        "tensor '" + e.getKey()
                                + "' is not named as in an nn.Sequential's state_dict (index.name, such as 0.weight)");
            }
            int i = Integer.parseInt(k.group(1));
            String name = k.group(2);
            if (i >= modules.size()) {
                throw bad(
                        source,
                        "tensor '" + e.getKey() + "' belongs to module " + i + ", but the architecture has "
                                + modules.size() + " modules: " + modules);
            }
            List<String> takes = takes(modules.get(i).kind());
            if (!takes.contains(name)) {
                throw bad(
                        source,
                        "tensor '" + e.getKey() + "' is not one of module " + i + " ("
                                + modules.get(i).kind().torchName() + ")'s "
                                + (takes.isEmpty() ? "(it has none)" : takes));
            }
            if (!name.equals("num_batches_tracked")) {
                out.get(i).put(name, e.getValue());
            }
        }
        return out;
    }

    private static List<String> takes(TorchModule.Kind kind) {
        return switch (kind) {
            case LINEAR, CONV2D -> List.of("weight", "bias");
            case BATCH_NORM_1D, BATCH_NORM_2D ->
                List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
            default -> List.of();
        };
    }

    /**
     * The architecture of an MLP's {@code state_dict}: {@code Linear} modules at indices 0, 2, 4, ...
     * (each {@code i.weight}, {@code i.bias}) with a {@code ReLU} between each two, sizes read from
     * the tensors, as {@code nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10))} saves it.
     */
    public static List<TorchModule> mlp(Map<String, Tensor> stateDict, String source) throws BadFileException {
        TreeSet<Integer> linear = new TreeSet<>();
        for (String key : stateDict.keySet()) {
            Matcher k = KEY.matcher(key);
            if (!k.matches() || !List.of("weight", "bias").contains(k.group(2))) {
                throw bad(
                        source,
                        "tensor '" + key + "' is not a Linear layer's (i.weight or i.bias of an"
                                + " nn.Sequential of Linear and ReLU)");
            }
            linear.add(Integer.parseInt(k.group(1)));
        }
        List<TorchModule> modules = new ArrayList<>();
        int expected = 0;
        for (int i : linear) {
            if (i != expected) {
                throw bad(
                        source,
                        "expected Linear layers at indices 0, 2, 4, ... with a ReLU between each two,"
                                + " found them at " + linear);
            }
            if (i > 0) {
                modules.add(TorchModule.relu());
            }
            modules.add(TorchModule.linear());
            expected = i + 2;
        }
        if (modules.isEmpty()) {
            throw bad(source, "holds no tensors");
        }
        return modules;
    }

    /**
     * A bricknet network's tensors with PyTorch's names and layouts, as {@code model.state_dict()} of
     * the {@code nn.Sequential} {@link #describe} prints. Layers: {@code Affine} ({@code Linear},
     * weights transposed), {@code BatchNormalization} ({@code BatchNorm1d}; {@code num_batches_tracked}
     * written as 0), {@code Relu}, {@code Sigmoid}, {@code Tanh}, {@code Dropout}, {@code Flatten}.
     */
    public static Map<String, Tensor> stateDict(Network net) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Layer> e : net.layers().entrySet()) {
            Layer l = e.getValue();
            if (l instanceof Affine a) {
                out.put(i + ".weight", transpose(a.weights().value()));
                out.put(i + ".bias", a.bias().value().copy());
            } else if (l instanceof BatchNormalization bn) {
                out.put(i + ".weight", bn.parameters().get(0).value().copy());
                out.put(i + ".bias", bn.parameters().get(1).value().copy());
                out.put(i + ".running_mean", bn.buffers().get("running_mean").copy());
                out.put(i + ".running_var", bn.buffers().get("running_var").copy());
                out.put(i + ".num_batches_tracked", Tensor.of(new double[] {0}));
            } else if (torchName(l) == null) {
                throw unsupported(e.getKey(), l);
            }
            i++;
        }
        return out;
    }

    /** Saves {@link #stateDict} as a safetensors file (F64, which {@code load_state_dict} converts), atomically. */
    public static void save(Path file, Network net) throws IOException {
        SafeTensors.save(file, stateDict(net), Map.of("format", "pt"));
    }

    /** The PyTorch model that loads {@link #stateDict}, e.g. {@code nn.Sequential(nn.Linear(784, 50), nn.ReLU(), ...)}. */
    public static String describe(Network net) {
        StringBuilder sb = new StringBuilder("nn.Sequential(");
        String sep = "";
        for (Map.Entry<String, Layer> e : net.layers().entrySet()) {
            Layer l = e.getValue();
            String name = torchName(l);
            if (name == null) {
                throw unsupported(e.getKey(), l);
            }
            sb.append(sep).append("nn.").append(name);
            if (l instanceof Affine a) {
                sb.append('(')
                        .append(a.weights().value().dim(0))
                        .append(", ")
                        .append(a.weights().value().dim(1));
                sb.append(')');
            } else if (l instanceof BatchNormalization bn) {
                sb.append('(')
                        .append(bn.parameters().get(0).value().size())
                        .append(", eps=")
                        .append(bn.eps());
                sb.append(')');
            } else if (l instanceof Dropout d) {
                sb.append("(p=").append(d.ratio()).append(')');
            } else {
                sb.append("()");
            }
            sep = ", ";
        }
        return sb.append(')').toString();
    }

    private static IllegalArgumentException unsupported(String name, Layer l) {
        return new IllegalArgumentException(
                "TorchSequential: layer '" + name + "' (" + l.getClass().getSimpleName()
                        + ") has no PyTorch module here; expected Affine, BatchNormalization, Relu, Sigmoid, Tanh, inverted"
                        + " Dropout or Flatten");
    }

    private static String torchName(Layer l) {
        if (l instanceof Affine) {
            return "Linear";
        } else if (l instanceof BatchNormalization) {
            return "BatchNorm1d";
        } else if (l instanceof Relu) {
            return "ReLU";
        } else if (l instanceof Sigmoid) {
            return "Sigmoid";
        } else if (l instanceof Tanh) {
            return "Tanh";
        } else if (l instanceof Dropout d && d.form() == Dropout.Form.INVERTED) {
            return "Dropout";
        } else if (l instanceof Flatten) {
            return "Flatten";
        }
        return null;
    }

    private static String brickName(TorchModule.Kind kind) {
        return switch (kind) {
            case LINEAR -> "Affine";
            case CONV2D -> "Conv";
            case BATCH_NORM_1D, BATCH_NORM_2D -> "BatchNorm";
            case RELU -> "Relu";
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
            case MAX_POOL_2D -> "Pool";
            case FLATTEN -> "Flatten";
            case DROPOUT -> "Dropout";
        };
    }

    private static Tensor transpose(Tensor m) {
        int r = m.dim(0);
        int c = m.dim(1);
        Tensor t = Tensor.zeros(c, r);
        double[] src = m.data();
        double[] dst = t.data();
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                dst[j * r + i] = src[i * c + j];
            }
        }
        return t;
    }

    private static Tensor require(Map<String, Tensor> t, String name, int i, String where, String source)
            throws BadFileException {
        Tensor v = t.get(name);
        if (v == null) {
            throw bad(source, "no tensor '" + i + "." + name + "' for " + where);
        }
        return v;
    }

    private static void optionalVector(Map<String, Tensor> t, String name, int size, int i, String where, String source)
            throws BadFileException {
        Tensor v = t.get(name);
        if (v != null && !v.hasShape(new int[] {size})) {
            throw bad(
                    source,
                    "tensor '" + i + "." + name + "' of " + where + " has shape " + v.shapeString() + "; expected ("
                            + size + ",)");
        }
    }

    private static BadFileException bad(String source, String message) {
        return new BadFileException(source, message);
    }
}

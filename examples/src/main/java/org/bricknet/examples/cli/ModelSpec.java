package org.bricknet.examples.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.bricknet.core.Network;
import org.bricknet.core.io.BadFileException;
import org.bricknet.examples.NielsenNetwork;
import org.bricknet.examples.TwoLayerNet;

/**
 * What a model is, in words a model file can carry in its {@code __metadata__}: its kind and its
 * layer sizes (input first, output last). {@link #build} makes a fresh network of that form.
 */
public record ModelSpec(Kind kind, int[] sizes) {

    /** The models the command line knows. */
    public enum Kind {
        TWO_LAYER("two-layer"), NIELSEN("nielsen");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown model '" + s + "'; expected one of "
                    + Arrays.toString(values()));
        }
    }

    public ModelSpec {
        sizes = sizes.clone();
        if (kind == Kind.TWO_LAYER && sizes.length != 3) {
            throw new IllegalArgumentException("two-layer: expected sizes input,hidden,output, got "
                    + Arrays.toString(sizes));
        }
        if (sizes.length < 2 || sizes.length > MAX_LAYERS) {
            throw new IllegalArgumentException(kind + ": expected 2 to " + MAX_LAYERS + " layer sizes, got " + sizes.length);
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException(kind + ": layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
    }

    /** The most layer sizes a model file's metadata may list. */
    public static final int MAX_LAYERS = 64;

    /** The number of values in the parameters: Σ (in·out + out) over the layers. */
    public long parameterCount() {
        long n = 0;
        for (int i = 1; i < sizes.length; i++) {
            n += (long) sizes[i - 1] * sizes[i] + sizes[i];
        }
        return n;
    }

    /**
     * Checks, before {@link #build} allocates anything, that tensors holding {@code values}
     * values in all can be this model's parameters: a file whose metadata claims a network of
     * gigabytes but holds a few tensors is refused without building it.
     */
    public void requireParameterCount(long values, String file) throws BadFileException {
        if (values != parameterCount()) {
            throw new BadFileException(file, "__metadata__ describes " + kind + " " + metadata().get("sizes")
                    + " with " + parameterCount() + " parameter values, but the file holds " + values);
        }
    }

    /** A fresh network of this form, initialised from {@code random}. */
    public Network build(Random random) {
        return switch (kind) {
            case TWO_LAYER -> new TwoLayerNet(sizes[0], sizes[1], sizes[2], random);
            case NIELSEN -> new NielsenNetwork(random, sizes);
        };
    }

    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "bricknet-model-1");
        m.put("model", kind.toString());
        m.put("sizes", Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        return m;
    }

    /** Reads a spec back from a model file's metadata. */
    public static ModelSpec fromMetadata(Map<String, String> meta, String file) throws BadFileException {
        String model = meta.get("model");
        String sizes = meta.get("sizes");
        if (model == null || sizes == null) {
            throw new BadFileException(file, "__metadata__ lacks 'model' or 'sizes'; not a bricknet model file");
        }
        if (sizes.length() > 16 * MAX_LAYERS) {
            throw new BadFileException(file, "__metadata__ 'sizes' is " + sizes.length() + " characters long; a model has at most "
                    + MAX_LAYERS + " layer sizes");
        }
        try {
            int[] s = Arrays.stream(sizes.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
            return new ModelSpec(Kind.parse(model), s);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file, "__metadata__ does not describe a model: " + e.getMessage());
        }
    }
}

package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small architecture files for the command line's tests: quick to train, every kind of node the CLI meets. */
final class Architectures {
    private Architectures() {}

    /**
     * 784 → Affine(16) → batch norm → ReLU → dropout 0.2 → Affine(10), with {@code training} (the
     * JSON object's body, or null for none).
     */
    static String mlp(String training) {
        return graph("[784]", """
                    {"name": "fc1", "type": "Affine", "settings": {"out": 16, "init": "he"}, "takes": ["x"]},
                    {"name": "bn", "type": "BatchNormalization", "takes": ["fc1"]},
                    {"name": "relu", "type": "Relu", "takes": ["bn"]},
                    {"name": "drop", "type": "Dropout", "settings": {"ratio": 0.2}, "takes": ["relu"]},
                    {"name": "scores", "type": "Affine", "settings": {"out": 10, "init": "he"}, "takes": ["drop"]}
                """, training);
    }

    /** 784 → Affine(8) → tanh → Affine(10): no randomness, so L-BFGS takes it. */
    static String smooth(String training) {
        return graph("[784]", """
                    {"name": "fc1", "type": "Affine", "settings": {"out": 8}, "takes": ["x"]},
                    {"name": "tanh", "type": "Tanh", "takes": ["fc1"]},
                    {"name": "scores", "type": "Affine", "settings": {"out": 10}, "takes": ["tanh"]}
                """, training);
    }

    /** An architecture of one input {@code x} of {@code shape}, {@code nodes} ending in "scores", one loss. */
    static String graph(String shape, String nodes, String training) {
        return "{\n  \"format\": \"bricknet-architecture-1\",\n  \"inputs\": [{\"name\": \"x\", \"shape\": " + shape
                + "}],\n  \"nodes\": [\n" + nodes.stripTrailing() + "\n  ],\n"
                + "  \"losses\": [{\"name\": \"loss\", \"type\": \"SoftmaxWithLoss\", \"scores\": \"scores\"}]"
                + (training == null ? "" : ",\n  \"training\": {" + training + "}") + "\n}\n";
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

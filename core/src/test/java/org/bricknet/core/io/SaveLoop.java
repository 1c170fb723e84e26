package org.bricknet.core.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bricknet.core.Tensor;

/**
 * The child process of {@link KillDuringSaveTest}: saves {@link #VERSIONS} distinct models over
 * one file, in turn, until it is killed. It prints "saved" once the first save is complete, so that
 * the kills land among the later ones (the JVM's start and the first save's class loading take
 * longer than a save).
 */
public final class SaveLoop {
    static final int VERSIONS = 3;

    private SaveLoop() {}

    /** Version {@code v}: a differently sized tensor whose every value names the version and the index. */
    static Map<String, Tensor> version(int v) {
        int n = 30_000 + 7_000 * v;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = v * 1e7 + i;
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W", Tensor.of(d, n));
        m.put("b", Tensor.vector(v, -v));
        return m;
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Map<String, Tensor>[] versions = new Map[VERSIONS];
        for (int v = 0; v < VERSIONS; v++) {
            versions[v] = version(v);
        }
        for (long i = 0; ; i++) {
            int v = (int) (i % VERSIONS);
            SafeTensors.save(target, versions[v], Map.of("version", Integer.toString(v)));
            if (i == 0) {
                System.out.println("saved");
                System.out.flush();
            }
        }
    }
}

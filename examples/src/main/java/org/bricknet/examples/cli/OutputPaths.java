package org.bricknet.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bricknet.core.io.AtomicFiles;
import org.bricknet.optim.training.CheckpointDirectory;

/**
 * Every file a command will write, checked before its work starts, by one rule: the directory
 * exists and can be written, the target is not a directory, no output is one of the run's inputs
 * (its data files, the checkpoint it continues), and no two outputs are the same file. A run never
 * learns after its last epoch that its model cannot be saved. The message names the option, the
 * user's path and the system's reason.
 */
final class OutputPaths {
    private record Output(String option, Path path) {}

    private record Input(String what, Path path) {}

    private final List<Output> outputs = new ArrayList<>();
    private final List<Input> inputs = new ArrayList<>();
    private final Map<String, Path> checkpointDirs = new LinkedHashMap<>();
    private Path resumedFile;

    /** A file {@code option} will write; null when the option was not given. */
    OutputPaths file(String option, Path path) {
        if (path != null) {
            outputs.add(new Output(option, path));
        }
        return this;
    }

    /**
     * A checkpoint directory {@code option} will write into, continuing the checkpoint
     * {@code resumedFile} (or null for a fresh run); its checkpoint file is an output too.
     */
    OutputPaths checkpointDirectory(String option, Path dir, Path resumedFile) {
        if (dir != null) {
            checkpointDirs.put(option, dir);
            outputs.add(new Output(option, org.bricknet.optim.training.Checkpoint.file(dir)));
            this.resumedFile = resumedFile;
        }
        return this;
    }

    /** A file the run reads, which no output may replace. */
    OutputPaths input(String what, Path path) {
        if (path != null) {
            inputs.add(new Input(what, path));
        }
        return this;
    }

    /** Checks every output as the class comment says; the first problem is a {@link CliException}. */
    void check() {
        for (int i = 0; i < outputs.size(); i++) {
            Output o = outputs.get(i);
            boolean inCheckpointDir = checkpointDirs.containsKey(o.option());
            for (Input in : inputs) {
                boolean continued = inCheckpointDir && in.path().equals(resumedFile);
                if (!continued && same(o.path(), in.path())) {
                    throw new CliException(o.option() + " " + o.path() + ": is " + in.what()
                            + ", which this run reads; choose another file");
                }
            }
            for (int j = 0; j < i; j++) {
                Output other = outputs.get(j);
                if (same(o.path(), other.path())) {
                    throw new CliException(o.option() + " " + o.path() + ": is also where " + other.option()
                            + " writes; give each its own file");
                }
            }
        }
        for (Map.Entry<String, Path> e : checkpointDirs.entrySet()) {
            try {
                CheckpointDirectory.check(e.getValue(), resumedFile);
            } catch (CheckpointDirectory.Occupied x) {
                throw new CliException(e.getKey() + " " + e.getValue() + ": holds the checkpoint of another run ("
                        + x.progress() + "); continue that run with --resume " + e.getValue()
                        + ", or give --checkpoint another directory");
            } catch (IOException x) {
                throw problem(e.getKey(), x);
            }
        }
        for (Output o : outputs) {
            if (!checkpointDirs.containsKey(o.option())
                    && !checkpointDirs.containsValue(o.path().getParent())) {
                try {
                    AtomicFiles.checkWritable(o.path());
                } catch (IOException x) {
                    throw problem(o.option(), x);
                }
            }
        }
    }

    private static CliException problem(String option, IOException e) {
        return new CliException(option + " " + e.getMessage(), e);
    }

    /** Whether two paths name one file: the same file on disk, or the same absolute path once normalised. */
    static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to the names
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}

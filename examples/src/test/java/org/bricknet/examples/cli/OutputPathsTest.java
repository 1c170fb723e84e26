package org.bricknet.examples.cli;

import static org.bricknet.examples.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.bricknet.core.Network;
import org.bricknet.core.io.Mnist;
import org.bricknet.optim.training.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path {@code train} will write is checked before the first epoch, by one rule, whichever
 * option names it: a missing or unwritable directory, a directory as the target, one of the run's
 * inputs, or two outputs on one file are refused at once, naming the option, the user's path and
 * the reason; nothing is created on the way. The model is written before any picture, and a picture
 * that fails never costs it.
 */
class OutputPathsTest {
    @TempDir
    Path dir;

    /** A refusal before any work: exit 1, one line naming the option and the path, no epoch run. */
    private static void refusedBeforeTraining(CommandLineTest.Run r, String expected) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("bricknet: " + expected, r.err().strip(), r.err());
        assertFalse(r.out().contains("Epoch"), "refused only after training:\n" + r.out());
    }

    private CommandLineTest.Run train(String... more) {
        String[] base = {"train", "--epochs", "1", "--hidden", "5"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return run(all);
    }

    @Test
    void everyWritingOptionIsCheckedBeforeTheFirstEpoch() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        for (String option : new String[] {
            "--save", "--plot", "--plot-weights", "--plot-activations", "--plot-gradients", "--history"
        }) {
            Path missing = dir.resolve("no/such/out.bin");
            refusedBeforeTraining(
                    train(option, missing.toString()),
                    option + " " + missing + ": cannot write: directory " + missing.getParent() + " does not exist");
            assertFalse(Files.exists(dir.resolve("no")), "a missing directory is not created");
            Path under = file.resolve("out.bin");
            refusedBeforeTraining(
                    train(option, under.toString()),
                    option + " " + under + ": cannot write: " + file + " is not a directory");
            refusedBeforeTraining(train(option, sub.toString()), option + " " + sub + ": cannot write: is a directory");
        }
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsRefusedWithThePermissionDenied() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root may write anywhere: /sys refuses even root
            Path target = Files.isWritable(locked) ? Path.of("/sys/m.safetensors") : locked.resolve("m.safetensors");
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    !Files.isWritable(locked) || Files.isDirectory(Path.of("/sys")), "nothing is read-only here");
            refusedBeforeTraining(
                    train("--save", target.toString()), "--save " + target + ": cannot write: permission denied");
            refusedBeforeTraining(
                    train("--save", dir.resolve("ok.safetensors").toString(), "--plot", target.toString()),
                    "--plot " + target + ": cannot write: permission denied");
            assertFalse(Files.exists(dir.resolve("ok.safetensors")), "the model is not written by a run refused");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anOutputOnAnInputOrOnAnotherOutputIsRefused() throws Exception {
        Path data = IdxDirs.write(dir.resolve("data"), 30, 10, 28, 28, 1);
        Path images = data.resolve(Mnist.FILES[0]);
        byte[] before = Files.readAllBytes(images);
        refusedBeforeTraining(
                train("--data", data.toString(), "--save", images.toString()),
                "--save " + images + ": is a data file of --data, which this run reads; choose another file");
        refusedBeforeTraining(
                train(
                        "--data",
                        data.toString(),
                        "--plot",
                        data.resolve(Mnist.FILES[3]).toString()),
                "--plot " + data.resolve(Mnist.FILES[3])
                        + ": is a data file of --data, which this run reads; choose another file");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(images)), "the data file is untouched");
        Path m = dir.resolve("m.safetensors");
        refusedBeforeTraining(
                train("--save", m.toString(), "--plot-weights", m.toString()),
                "--plot-weights " + m + ": is also where --save writes; give each its own file");
        Path cp = dir.resolve("cp");
        assertEquals(0, train("--checkpoint", cp.toString()).code());
        Path cpFile = cp.resolve("checkpoint.safetensors");
        byte[] checkpoint = Files.readAllBytes(cpFile);
        refusedBeforeTraining(
                run("train", "--resume", cp.toString(), "--epochs", "2", "--save", cpFile.toString()),
                "--save " + cpFile
                        + ": is the checkpoint this run continues, which this run reads; choose another file");
        refusedBeforeTraining(
                run(
                        "train",
                        "--epochs",
                        "1",
                        "--checkpoint",
                        dir.resolve("cp2").toString(),
                        "--save",
                        dir.resolve("cp2/checkpoint.safetensors").toString()),
                "--checkpoint " + dir.resolve("cp2/checkpoint.safetensors")
                        + ": is also where --save writes; give each its own file");
        assertTrue(java.util.Arrays.equals(checkpoint, Files.readAllBytes(cpFile)), "the checkpoint is untouched");
    }

    @Test
    void theModelIsSavedBeforeAnyPictureAndAFailedPictureNeverCostsIt() throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path gone = Files.createDirectory(dir.resolve("pictures"));
        Path plot = gone.resolve("curves.png");
        StringWriter err = new StringWriter();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Results results = new Results(model, new PrintStream(bytes, true), new PrintWriter(err, true));
        ModelSpec spec = ModelSpec.of(ModelSpec.Kind.TWO_LAYER, new int[] {1, 28, 28}, new int[] {5}, 10);
        Network net = spec.build(new Random(1));
        TrainingHistory history = new org.bricknet.optim.training.Trainer(net, new org.bricknet.optim.Sgd(0.1))
                .epochs(1)
                .quiet()
                .fit(spec.shape(org.bricknet.examples.Datasets.mnist10kTrain().slice(0, 50)));
        Files.delete(gone); // the directory vanished during training
        RunOutputs outputs = new RunOutputs();
        outputs.plot = plot;
        assertEquals(1, results.saveAndWrite(net, spec, outputs.outputs(net, spec, history)));
        assertTrue(Files.size(model) > 0, "the model is saved");
        assertTrue(bytes.toString().startsWith("saved model to " + model), bytes.toString());
        assertEquals(
                "bricknet: --plot " + plot + ": cannot write: directory " + gone
                        + " does not exist (the model is saved in " + model + ")",
                err.toString().strip());
        assertEquals(0, ((ModelSpec) SavedModel.load(model).spec()).hidden()[0] - 5);
    }

    @Test
    void aTrainedModelAndItsPicturesAreWrittenWithTheUsualMode() throws Exception {
        Path model = dir.resolve("m.safetensors");
        Path plot = dir.resolve("p.png");
        Files.writeString(plot, "old");
        Files.setPosixFilePermissions(plot, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(
                0, train("--save", model.toString(), "--plot", plot.toString()).code());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(plot)), "kept its mode");
        Path reference = dir.resolve("reference");
        Files.newByteChannel(
                        reference, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)
                .close();
        assertEquals(
                Files.getPosixFilePermissions(reference),
                Files.getPosixFilePermissions(model),
                "a new model file gets the mode any new file gets here (0666 less the umask)");
    }
}

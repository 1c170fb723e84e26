package org.bricknet.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.bricknet.core.data.NotEnoughMemoryException;
import org.bricknet.core.io.BadFileException;
import org.bricknet.core.io.PathException;
import org.bricknet.optim.training.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bricknet} command line: train, evaluate and predict on digits. Every error is one
 * line, {@code bricknet: <message>}: exit code 2 for a usage error (followed by a line naming
 * {@code --help}), 1 for anything else. Messages are bricknet's own; a Java exception's text is
 * never shown (an unexpected one is reported as an internal error, by its kind).
 */
@Command(
        name = "bricknet",
        mixinStandardHelpOptions = true,
        version = "bricknet 0.1.0",
        description = "Neural networks from bricks: train on handwritten digits, evaluate, predict, trace.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            BenchCommand.class,
            GradcheckCommand.class,
            GraphCommand.class,
            TraceCommand.class,
            org.bricknet.examples.cli.MinimizeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: bricknet train)");
    }

    /**
     * The process's entry: runs the command line, with SIGTERM and SIGINT ending a run promptly
     * ({@link Signals}), and exits with its code.
     */
    public static void main(String[] args) {
        Signals.install();
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = run(args, new PrintWriter(System.out, true), err);
        } catch (OutOfMemoryError e) {
            err.println("bricknet: the Java heap ("
                    + org.bricknet.core.data.Memory.size(Runtime.getRuntime().maxMemory())
                    + ") is too small for this run; give java a larger -Xmx");
            code = 1;
        }
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Main());
        registerNumbers(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("bricknet: " + ex.getMessage());
            err.println("try: bricknet "
                    + (ex.getCommandLine().getCommandName().equals("bricknet")
                            ? ""
                            : ex.getCommandLine().getCommandName() + " ")
                    + "--help");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, c, r) -> {
            err.println("bricknet: " + message(ex));
            return 1;
        });
        return cli.execute(args);
    }

    /** Numbers read in words a user knows: "expected a whole number", not "is not an int". */
    private static void registerNumbers(CommandLine cli) {
        CommandLine.ITypeConverter<Integer> ints = v -> (int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        CommandLine.ITypeConverter<Long> longs = v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE);
        CommandLine.ITypeConverter<Double> doubles = v -> {
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("expected a number, got '" + v + "'");
            }
        };
        cli.registerConverter(Integer.class, ints).registerConverter(int.class, ints);
        cli.registerConverter(Long.class, longs).registerConverter(long.class, longs);
        cli.registerConverter(Double.class, doubles).registerConverter(double.class, doubles);
    }

    private static long whole(String v, long min, long max) {
        java.math.BigInteger n;
        try {
            n = new java.math.BigInteger(v.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("expected a whole number, got '" + v + "'");
        }
        if (n.compareTo(java.math.BigInteger.valueOf(min)) < 0 || n.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
            throw new CommandLine.TypeConversionException("'" + v + "' is out of range");
        }
        return n.longValue();
    }

    /** The one line an error is reported by. */
    static String message(Throwable ex) {
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            return message(ex.getCause());
        }
        if (ex instanceof CliException
                || ex instanceof PathException
                || ex instanceof BadFileException
                || ex instanceof NotEnoughMemoryException
                || ex instanceof TrainingDivergedException) {
            return ex.getMessage();
        }
        if (ex instanceof FileSystemException f) {
            return f.getFile() + ": " + reason(f);
        }
        if (ex instanceof IOException) {
            return "input or output failed: " + firstLine(ex.getMessage());
        }
        if (ex instanceof OutOfMemoryError) {
            return "the Java heap is too small for this run; give java a larger -Xmx";
        }
        return "internal error (" + ex.getClass().getSimpleName() + "); please report the command that caused it";
    }

    private static String reason(FileSystemException f) {
        if (f instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        return f.getReason() == null ? "cannot be used" : f.getReason().toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}

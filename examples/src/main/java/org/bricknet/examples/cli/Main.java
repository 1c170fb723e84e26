package org.bricknet.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bricknet} command line: train, evaluate and predict on digits. */
@Command(
        name = "bricknet",
        mixinStandardHelpOptions = true,
        version = "bricknet 0.1.0",
        description = "Neural networks from bricks: train on handwritten digits, evaluate, predict.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            BenchCommand.class,
            GradcheckCommand.class,
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

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Main());
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

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        return ex instanceof java.io.FileNotFoundException || ex instanceof java.nio.file.NoSuchFileException
                ? "file not found: " + m
                : m;
    }
}

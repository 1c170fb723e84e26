package org.bricknet.spark.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar bricknet-spark.jar}: bricknet's {@code train} on Apache Spark, and a bench of
 * Spark's overhead per L-BFGS iteration. Errors are one line, {@code bricknet: <message>}, exit 2
 * for usage errors and 1 for the rest.
 */
@Command(
        name = "bricknet-spark",
        mixinStandardHelpOptions = true,
        version = "bricknet-spark 0.1.0",
        description = "Train bricknet networks on Apache Spark.",
        subcommands = {TrainCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is required (try: bricknet-spark train)");
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args, System.out, System.err, null));
    }

    /**
     * Unless a logging configuration is in force already (spark-submit's, or the user's
     * {@code -Dlog4j.configurationFile}), Spark logs warnings and errors only, to standard error:
     * its INFO lines would bury the training lines, and Log4j's bare default writes to standard
     * output.
     */
    static void quietLogging() {
        if (System.getProperty("log4j.configurationFile") != null
                || !(LoggerContext.getContext(false).getConfiguration() instanceof DefaultConfiguration)) {
            return;
        }
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.add(b.newAppender("stderr", "Console")
                .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss} %p %c{1}: %m%n")));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("stderr")));
        Configurator.reconfigure(b.build());
    }

    /**
     * Runs the command line with the given streams and returns the exit code; {@code sessions}
     * supplies the Spark session (null: each command starts its own from {@code --master} and
     * stops it at the end).
     */
    static int run(String[] args, PrintStream out, PrintStream err, Sessions sessions) {
        CommandLine cli = new CommandLine(new Main(), new Factory(out, sessions));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("bricknet: " + ex.getMessage());
            String name = ex.getCommandLine().getCommandName();
            err.println("try: bricknet-spark " + (name.equals("bricknet-spark") ? "" : name + " ") + "--help");
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
                : m.lines().findFirst().orElse(m);
    }

    /** Gives the commands the output stream and the session supplier. */
    private record Factory(PrintStream out, Sessions sessions) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == TrainCommand.class) {
                return cls.cast(new TrainCommand(out, sessions));
            }
            if (cls == BenchCommand.class) {
                return cls.cast(new BenchCommand(out, sessions));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}

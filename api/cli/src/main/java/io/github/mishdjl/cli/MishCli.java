package io.github.mishdjl.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./mish}: the command line of the Mish-on-DJL project. Each subcommand is a class of its own; this
 * one only sets up the engine's threads and logging and turns failures into one-line errors and exit codes
 * (0 ok, 1 failure, 2 usage error).
 */
@Command(
        name = "mish",
        mixinStandardHelpOptions = true,
        versionProvider = MishCli.Version.class,
        description = "Mish on DJL: values, benchmarks and the paper's experiments.",
        subcommands = {CompareCommand.class, StatsCommand.class, ReportCommand.class, MergeCommand.class,
            StatusCommand.class, ValuesCommand.class, ModelsCommand.class, BenchCommand.class, LandscapeCommand.class,
            CommandLine.HelpCommand.class})
public final class MishCli implements Callable<Integer> {

    @Option(
            names = "--threads",
            description = "Intra-op threads of the engine (default: all cores, ${sys:mish.defaultThreads}).",
            scope = CommandLine.ScopeType.INHERIT)
    void setThreads(int threads) {
        if (threads < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--threads must be >= 1, got " + threads);
        }
        Engines.setThreads(threads);
    }

    @Option(names = "--verbose", description = "Print stack traces and the engine's log.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        Engines.configureDefaults(hasVerbose(args));
        CommandLine cli = new CommandLine(new MishCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (hasVerbose(args)) {
                e.printStackTrace(err);
            } else {
                err.println("error: " + message(e));
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    private static boolean hasVerbose(String[] args) {
        for (String arg : args) {
            if ("--verbose".equals(arg)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The project version, from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MishCli.class.getPackage().getImplementationVersion();
            return new String[] {"mish " + (version == null ? "(development build)" : version)};
        }
    }
}

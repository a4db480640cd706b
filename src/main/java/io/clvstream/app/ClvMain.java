package io.clvstream.app;

import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code clv} command line: parses, dispatches to a subcommand and exits with its status. */
@Command(name = "clv", mixinStandardHelpOptions = true, version = "clv-stream 0.1.0",
    description = "Real-time Customer Lifetime Value on Kafka Streams.",
    subcommands = {RunCommand.class, DemoCommand.class, IngestCommand.class, BacktestCommand.class, BenchCommand.class,
        ResetCommand.class})
public final class ClvMain implements Callable<Integer> {

    /** Exit status when no command was given (picocli's own for usage errors). */
    private static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ClvMain()).setExecutionExceptionHandler(ClvMain::reportFailure);
    }

    /**
     * Failures the user can act on (port taken, missing setting, unreadable file) get one line; anything
     * else is unexpected and keeps its stack trace.
     */
    private static int reportFailure(Exception e, CommandLine command, ParseResult parseResult) {
        final boolean expected = e instanceof IllegalStateException || e instanceof IllegalArgumentException
            || e instanceof UncheckedIOException;
        if (expected) {
            command.getErr().println("clv " + command.getCommandName() + ": " + e.getMessage());
        } else {
            e.printStackTrace(command.getErr());
        }
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return USAGE;
    }
}

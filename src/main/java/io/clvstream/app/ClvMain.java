package io.clvstream.app;

import java.io.UncheckedIOException;
import java.util.Locale;
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
        pinFormatLocale();
        System.exit(commandLine().execute(args));
    }

    /**
     * Kafka Streams formats a log line with {@code String.format} for every record it checks while one of a
     * task's input partitions has nothing buffered ({@code PartitionGroup.readyToProcess}), logged or not. On
     * JDK 17 each {@code %d} under a default format locale other than en_US constructs a fresh
     * {@code DecimalFormatSymbols}, which costs more than the format itself: 4% of the stream thread in the
     * default {@code clv bench} under the C.UTF-8 locale. Nothing we publish depends on the default locale, so
     * the application pins it; only human-readable console figures follow en_US grouping.
     */
    static void pinFormatLocale() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
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

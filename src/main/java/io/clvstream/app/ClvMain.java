package io.clvstream.app;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code clv} command line: parses, dispatches to a subcommand and exits with its status. */
@Command(name = "clv", mixinStandardHelpOptions = true, version = "clv-stream 0.1.0",
    description = "Real-time Customer Lifetime Value on Kafka Streams.",
    subcommands = {RunCommand.class, ResetCommand.class})
public final class ClvMain implements Callable<Integer> {

    /** Exit status when no command was given (picocli's own for usage errors). */
    private static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ClvMain());
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return USAGE;
    }
}

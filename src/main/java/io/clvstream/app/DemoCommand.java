package io.clvstream.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.clvstream.config.ClvConfig;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.demo.Demo;
import io.clvstream.demo.DemoInput;
import io.clvstream.demo.DemoOptions;
import io.clvstream.demo.DemoSettings;
import io.clvstream.files.TransactionFormat;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code clv demo}: replays the shipped CDNOW sample through the embedded stack and shows a live feed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Replays the CDNOW sample (or --transactions FILE) in accelerated event time through an embedded",
        "broker, registry and the CLV topology, and shows the top customers, tier changes and alerts live.",
        "Data lives in ./data/demo unless --data-dir says otherwise; a finished demo is shown again without",
        "replaying unless --fresh. See docs/demo.md."})
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--transactions", paramLabel = "FILE",
        description = "Replay this file instead of the shipped CDNOW sample.")
    Path transactions;

    @Option(names = "--format", paramLabel = "csv|cdnow",
        description = "Layout of --transactions (default: cdnow when the first line has no comma, else csv).")
    String format;

    @Option(names = "--speed", paramLabel = "DAYS", defaultValue = "" + DemoOptions.DEFAULT_SPEED,
        description = "Simulated days per second (default: ${DEFAULT-VALUE}: the sample's 18 months in about 80 s);"
            + " 0 = as fast as possible.")
    double speed;

    @Option(names = "--extras", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Also send generated signups (segment, channel, acquisition cost) and refunds (default: true).")
    boolean extras;

    @Option(names = "--fresh", description = "Delete the earlier demo's data and replay from scratch.")
    boolean fresh;

    @Option(names = "--exit-when-done", negatable = true,
        description = "Exit after the summary (default: yes when stdout is not a terminal; in a terminal the broker"
            + " and registry stay up until Ctrl-C).")
    Boolean exitWhenDone;

    @Option(names = "--plain", description = "Plain lines without colours or redrawing, even in a terminal.")
    boolean plain;

    @Option(names = "--all-tier-changes",
        description = "A line for every tier change (default: only changes into or out of the two highest tiers).")
    boolean allTierChanges;

    @Option(names = "--refresh", paramLabel = "SECONDS", defaultValue = "5",
        description = "Plain output: print the top table this often (default: ${DEFAULT-VALUE}).")
    double refreshSeconds;

    /** Where the feed goes; tests hand in their own stream. */
    PrintStream out;

    @Override
    public Integer call() throws InterruptedException {
        final Map<String, String> flags = new LinkedHashMap<>(options.flags());
        endpoints.putInto(flags);
        final ClvConfig loaded = options.load(flags);
        if (loaded.bootstrapServers().isPresent() || loaded.schemaRegistryUrl().isPresent()) {
            throw new IllegalArgumentException("the demo runs on its own embedded broker and registry;"
                + " drop --bootstrap-servers / --schema-registry-url (and CLV_BOOTSTRAP_SERVERS)");
        }
        final ClvConfig config = DemoSettings.apply(loaded, flags);
        final DemoInput input = transactions == null ? DemoInput.sample()
            : DemoInput.file(transactions, transactionFormat(), CustomerTopologyConfig.from(config.asMap()).baseCurrency());
        final boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"))
            && System.getenv("NO_COLOR") == null;
        final boolean interactive = terminal && !plain;
        final PrintStream feedOut = out != null ? out
            : new PrintStream(System.out, true, StandardCharsets.UTF_8);
        quietLogging();
        final Demo demo = new Demo(config, input, new DemoOptions(speed, extras, fresh,
            exitWhenDone != null ? exitWhenDone : !terminal, interactive, allTierChanges,
            Math.round(refreshSeconds * 1000)), feedOut);
        // As in `clv run`: Ctrl-C/SIGTERM end the demo in order and exit 0 instead of the JVM's 130/143.
        Signal.handle(new Signal("INT"), signal -> demo.requestStop());
        Signal.handle(new Signal("TERM"), signal -> demo.requestStop());
        return demo.run();
    }

    private TransactionFormat transactionFormat() {
        if (format == null) {
            return DemoInput.looksLikeCdnow(transactions) ? TransactionFormat.CDNOW : TransactionFormat.CSV;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> TransactionFormat.CSV;
            case "cdnow" -> TransactionFormat.CDNOW;
            default -> throw new IllegalArgumentException("--format must be csv or cdnow, got " + format);
        };
    }

    /**
     * Our start-up INFO lines and the Kafka clients' retry warnings (CONCURRENT_TRANSACTIONS on a busy
     * machine) would scroll through the feed; errors still show on stderr, the broker's log is in the data dir.
     */
    private static void quietLogging() {
        ((Logger) LoggerFactory.getLogger("io.clvstream")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
    }
}

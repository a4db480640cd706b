package io.clvstream.app;

import io.clvstream.bench.Bench;
import io.clvstream.bench.BenchResult;
import io.clvstream.bench.ReferenceShape;
import io.clvstream.config.ClvConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clv bench}: clv-stream against a bare Kafka Streams aggregate, in one run (docs/performance.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks clv-stream against a bare groupByKey().aggregate() on the same broker and data:",
        "throughput of both, end-to-end latency at a fixed rate, state per customer and restore time.",
        "Prints a table and, as its last line, one JSON object. Embedded broker and registry on free ports",
        "in a temporary directory unless --bootstrap-servers/--schema-registry-url are given."})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
        description = "Input events, signups, refunds and duplicates included (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "100000",
        description = "Customers of the synthetic population (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--warmup-events", paramLabel = "N", defaultValue = "-1",
        description = "Events of a separate, unmeasured run of both topologies first, so the JIT compiler has done its "
            + "work before the clock starts; 0 for none (default: a tenth of --events).")
    long warmupEvents;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "20000",
        description = "Input rate of the latency phase (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "15",
        description = "Duration of the latency phase (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
        description = "Throughput rounds of both topologies over the same input, in alternating order; the ratios are "
            + "the medians of the rounds' own (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the population (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--phase-timeout-seconds", paramLabel = "S", defaultValue = "1800",
        description = "Give up on a phase after this long (default: ${DEFAULT-VALUE}).")
    int phaseTimeoutSeconds;

    @Option(names = "--reference-state-bytes", paramLabel = "B", defaultValue = "0",
        description = {"Pad the reference's value per customer to this many bytes (default: 0, its three numbers, 24 bytes). With "
            + "--reference-value-bytes it measures Kafka's own cost of clv-stream's shape of state and output."})
    int referenceStateBytes;

    @Option(names = "--reference-value-bytes", paramLabel = "B", defaultValue = "0",
        description = "Let the reference also publish one value of this many bytes per event (default: 0, none).")
    int referenceValueBytes;

    @Override
    public Integer call() throws IOException {
        final ClvConfig config = options.load(Map.of());
        final boolean temporary = options.dataDir == null;
        final Path workDir = temporary ? Files.createTempDirectory("clv-bench") : options.dataDir;
        try {
            final BenchResult result = Bench.run(new Bench.Settings(events, customers,
                warmupEvents < 0 ? events / 10 : warmupEvents, rate,
                Duration.ofSeconds(latencySeconds), seed, Duration.ofSeconds(phaseTimeoutSeconds), rounds,
                new ReferenceShape(referenceStateBytes, referenceValueBytes)), config, workDir, System.err);
            result.table().forEach(System.out::println);
            System.out.println(result.json());
            System.out.flush();
            return 0;
        } finally {
            if (temporary) {
                deleteRecursively(workDir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}

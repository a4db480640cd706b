package io.clvstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clv bench} end to end at a tiny size: embedded broker and registry on free ports, every
 * phase, and a last line that tools can parse. Checks sanity, never speed.
 */
class BenchCommandIT {

    private static final List<String> KEYS = List.of("events", "customers", "referenceEventsPerSec", "clvEventsPerSec",
        "throughputRatio", "p50LatencyMs", "p99LatencyMs", "stateBytesPerCustomer", "restoreSeconds", "guarantee");

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void tinyBenchEndsWithOneJsonLineOfSaneFigures() throws Exception {
        final List<String> lines = bench("--events", "2000", "--customers", "200",
            "--rate", "200", "--latency-seconds", "2", "--rounds", "2", "--data-dir", dataDir.toString());

        final JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(KEYS).allMatch(json::has);
        assertThat(json.get("events").asLong()).isEqualTo(2000);
        assertThat(json.get("customers").asLong()).isEqualTo(200);
        assertThat(json.get("guarantee").asText()).isEqualTo("exactly_once_v2");
        assertThat(json.get("referenceEventsPerSec").asDouble()).isPositive();
        assertThat(json.get("clvEventsPerSec").asDouble()).isPositive();
        assertThat(json.get("throughputRatio").asDouble()).isPositive();
        assertThat(json.get("referenceCpuMicrosPerEvent").asDouble()).isPositive();
        assertThat(json.get("clvCpuMicrosPerEvent").asDouble()).isPositive();
        // Linux's /proc/stat is read (the stream threads' CPU counts from their start, the host's from the first
        // poll, so at this size the two are not compared).
        assertThat(json.get("clvHostCpuMicrosPerEvent").asDouble()).isPositive();
        assertThat(json.get("referenceHostCpuMicrosPerEvent").asDouble()).isPositive();
        assertThat(json.get("clvHostBusyPercent").asDouble()).isBetween(0.0, 100.0);
        assertThat(json.get("p50LatencyMs").asDouble()).isGreaterThanOrEqualTo(0)
            .isLessThanOrEqualTo(json.get("p99LatencyMs").asDouble());
        assertThat(json.get("latencySeen").asLong()).isEqualTo(json.get("latencySent").asLong()).isPositive();
        assertThat(json.get("stateBytesPerCustomer").asDouble()).isBetween(10.0, 10_000.0);
        assertThat(json.get("restoreSeconds").asDouble()).isPositive();
        assertThat(json.get("restoredRecords").asLong()).isPositive();
        assertThat(lines).anyMatch(line -> line.startsWith("throughput ratio clv / reference"));
        // Two rounds, the first clv-stream first: each measured, the headline the middle of the two.
        assertThat(json.get("rounds").asInt()).isEqualTo(2);
        final List<Double> ratios = new ArrayList<>();
        json.get("roundThroughputRatios").forEach(ratio -> ratios.add(ratio.asDouble()));
        assertThat(ratios).hasSize(2).allMatch(ratio -> ratio > 0);
        assertThat(json.get("throughputRatio").asDouble()).isCloseTo((ratios.get(0) + ratios.get(1)) / 2, within(0.002));
        // The CPU ratio likewise: the median of each round's own (the ratio of the median CPU figures is another
        // number, which differs by more than rounding when the rounds differ).
        final List<Double> cpuRatios = new ArrayList<>();
        json.get("roundCpuRatios").forEach(ratio -> cpuRatios.add(ratio.asDouble()));
        assertThat(cpuRatios).hasSize(2).allMatch(ratio -> ratio > 0);
        assertThat(json.get("cpuRatio").asDouble()).isCloseTo((cpuRatios.get(0) + cpuRatios.get(1)) / 2, within(0.002));
        assertThat(json.get("referenceValueBytes").asInt()).isZero();
        // The bare reference publishes nothing, so it has no latency to report.
        assertThat(json.get("referenceP99LatencyMs").isNull()).isTrue();
        assertThat(lines).noneMatch(line -> line.startsWith("reference: latency"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aReferenceWithClvStreamsShapeRunsOnItsOwnValuesTopicAndIsTimedToo() throws Exception {
        final List<String> lines = bench("--events", "1000", "--customers", "100", "--warmup-events", "0",
            "--rate", "100", "--latency-seconds", "1", "--rounds", "1", "--reference-state-bytes", "190",
            "--reference-value-bytes", "180", "--data-dir", dataDir.toString());

        final JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("referenceStateBytes").asInt()).isEqualTo(190);
        assertThat(json.get("referenceValueBytes").asInt()).isEqualTo(180);
        assertThat(json.get("referenceEventsPerSec").asDouble()).isPositive();
        assertThat(lines).anyMatch(line -> line.startsWith("reference: aggregate, 190 B state, 180 B out per event"));
        // The same probe events reach the reference's values topic: all of them, each after the commit that holds it.
        assertThat(lines).anyMatch(line -> line.matches("reference: latency at 100 events/s .*\\(([1-9]\\d*) of \\1 seen\\)"));
        assertThat(json.get("referenceP99LatencyMs").asDouble()).isPositive();
        assertThat(json.get("referenceMaxLatencyMs").asDouble()).isGreaterThanOrEqualTo(json.get("referenceP50LatencyMs").asDouble());
    }

    /** Runs {@code clv bench} with {@code args}; its stdout lines, after checking that it succeeded. */
    private static List<String> bench(String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        final int status;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            final String[] command = new String[args.length + 1];
            command[0] = "bench";
            System.arraycopy(args, 0, command, 1, args.length);
            status = ClvMain.commandLine().execute(command);
        } finally {
            System.setOut(original);
        }
        final List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).as(String.join("\n", lines)).isZero();
        return lines;
    }
}

package io.clvstream.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one bench run, as a table for people and one JSON line for tools. With several rounds the
 * throughput figures are the medians over the rounds, and the ratios the medians of each round's ratio.
 * {@code referenceLatency} is null unless the reference publishes (only then has it an output to time).
 */
public record BenchResult(
    long events,
    int customers,
    long warmupEvents,
    ReferenceShape reference,
    int partitions,
    int threads,
    String guarantee,
    String commitIntervalMs,
    List<Round> rounds,
    double clvDrainedSeconds,
    int latencyRate,
    LatencyProbe.Latency latency,
    LatencyProbe.Latency referenceLatency,
    double stateBytesPerCustomer,
    double stateDiskBytesPerCustomer,
    double changelogLogBytesPerCustomer,
    double restoreSeconds,
    long restoredRecords) {

    /**
     * One throughput measurement of each topology, over the same pre-loaded input, back to back, with the whole
     * host's load during each ({@link HostCpu.Load#UNKNOWN} where the host cannot be read).
     */
    public record Round(double referenceEventsPerSec, double clvEventsPerSec, double referenceCpuMicrosPerEvent,
                        double clvCpuMicrosPerEvent, HostCpu.Load referenceHost, HostCpu.Load clvHost) {

        public Round {
            Objects.requireNonNull(referenceHost, "referenceHost");
            Objects.requireNonNull(clvHost, "clvHost");
        }

        public Round(double referenceEventsPerSec, double clvEventsPerSec, double referenceCpuMicrosPerEvent,
                     double clvCpuMicrosPerEvent) {
            this(referenceEventsPerSec, clvEventsPerSec, referenceCpuMicrosPerEvent, clvCpuMicrosPerEvent,
                HostCpu.Load.UNKNOWN, HostCpu.Load.UNKNOWN);
        }

        double throughputRatio() {
            return clvEventsPerSec / referenceEventsPerSec;
        }

        double cpuRatio() {
            return referenceCpuMicrosPerEvent / clvCpuMicrosPerEvent;
        }

        double hostCpuRatio() {
            return referenceHost.cpuMicrosPerEvent() / clvHost.cpuMicrosPerEvent();
        }
    }

    public BenchResult {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("A bench result needs at least one round");
        }
        rounds = List.copyOf(rounds);
        Objects.requireNonNull(latency, "latency");
    }

    public double referenceEventsPerSec() {
        return median(Round::referenceEventsPerSec);
    }

    public double clvEventsPerSec() {
        return median(Round::clvEventsPerSec);
    }

    public double referenceCpuMicrosPerEvent() {
        return median(Round::referenceCpuMicrosPerEvent);
    }

    public double clvCpuMicrosPerEvent() {
        return median(Round::clvCpuMicrosPerEvent);
    }

    /** Each round's own ratio, then the median: a drift of the machine's speed between rounds does not enter it. */
    public double throughputRatio() {
        return median(Round::throughputRatio);
    }

    /** The reference's stream-thread CPU per event over clv-stream's: the ratio the machine's load hardly moves. */
    public double cpuRatio() {
        return median(Round::cpuRatio);
    }

    /** The reference's host CPU per event over clv-stream's, all processes: NaN where the host could not be read. */
    public double hostCpuRatio() {
        return median(Round::hostCpuRatio);
    }

    public double referenceHostCpuMicrosPerEvent() {
        return median(r -> r.referenceHost().cpuMicrosPerEvent());
    }

    public double clvHostCpuMicrosPerEvent() {
        return median(r -> r.clvHost().cpuMicrosPerEvent());
    }

    public double referenceHostBusyPercent() {
        return median(r -> r.referenceHost().busyFraction()) * 100;
    }

    public double clvHostBusyPercent() {
        return median(r -> r.clvHost().busyFraction()) * 100;
    }

    public double referenceHostStealPercent() {
        return median(r -> r.referenceHost().stealFraction()) * 100;
    }

    public double clvHostStealPercent() {
        return median(r -> r.clvHost().stealFraction()) * 100;
    }

    private boolean hostKnown() {
        return rounds.stream().allMatch(r -> r.referenceHost().known() && r.clvHost().known());
    }

    /** NaN if any round's figure is: a host that could not be read in one round has no median. */
    private double median(ToDoubleFunction<Round> figure) {
        final double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        if (Arrays.stream(values).anyMatch(Double::isNaN)) {
            return Double.NaN;
        }
        final int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Key order is the table's; the first ten are the ones issue #6 names. */
    public Map<String, Object> asMap() {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("events", events);
        map.put("customers", customers);
        map.put("referenceEventsPerSec", round(referenceEventsPerSec(), 0));
        map.put("clvEventsPerSec", round(clvEventsPerSec(), 0));
        map.put("throughputRatio", round(throughputRatio(), 3));
        map.put("p50LatencyMs", latency.p50Ms());
        map.put("p99LatencyMs", latency.p99Ms());
        map.put("stateBytesPerCustomer", round(stateBytesPerCustomer, 1));
        map.put("restoreSeconds", round(restoreSeconds, 2));
        map.put("guarantee", guarantee);
        map.put("warmupEvents", warmupEvents);
        map.put("partitions", partitions);
        map.put("threads", threads);
        map.put("commitIntervalMs", commitIntervalMs);
        map.put("referenceCpuMicrosPerEvent", round(referenceCpuMicrosPerEvent(), 1));
        map.put("clvCpuMicrosPerEvent", round(clvCpuMicrosPerEvent(), 1));
        map.put("cpuRatio", round(cpuRatio(), 3));
        map.put("clvDrainedSeconds", round(clvDrainedSeconds, 2));
        map.put("latencyRate", latencyRate);
        map.put("latencySent", latency.sent());
        map.put("latencySeen", latency.seen());
        map.put("maxLatencyMs", latency.maxMs());
        map.put("stateDiskBytesPerCustomer", round(stateDiskBytesPerCustomer, 1));
        map.put("changelogLogBytesPerCustomer", round(changelogLogBytesPerCustomer, 1));
        map.put("restoredRecords", restoredRecords);
        map.put("rounds", rounds.size());
        map.put("roundThroughputRatios", rounds.stream().map(r -> round(r.throughputRatio(), 3)).toList());
        map.put("roundCpuRatios", rounds.stream().map(r -> round(r.cpuRatio(), 3)).toList());
        map.put("referenceStateBytes", reference.stateBytes());
        map.put("referenceValueBytes", reference.valueBytes());
        map.put("referenceP50LatencyMs", referenceLatency == null ? null : referenceLatency.p50Ms());
        map.put("referenceP99LatencyMs", referenceLatency == null ? null : referenceLatency.p99Ms());
        map.put("referenceMaxLatencyMs", referenceLatency == null ? null : referenceLatency.maxMs());
        map.put("referenceHostCpuMicrosPerEvent", roundedOrNull(referenceHostCpuMicrosPerEvent(), 1));
        map.put("clvHostCpuMicrosPerEvent", roundedOrNull(clvHostCpuMicrosPerEvent(), 1));
        map.put("hostCpuRatio", roundedOrNull(hostCpuRatio(), 3));
        map.put("referenceHostBusyPercent", roundedOrNull(referenceHostBusyPercent(), 1));
        map.put("clvHostBusyPercent", roundedOrNull(clvHostBusyPercent(), 1));
        map.put("referenceHostStealPercent", roundedOrNull(referenceHostStealPercent(), 1));
        map.put("clvHostStealPercent", roundedOrNull(clvHostStealPercent(), 1));
        return map;
    }


    /** JSON's null for a figure the host could not give (NaN), which rounding would turn into 0. */
    private static Double roundedOrNull(double value, int digits) {
        return Double.isNaN(value) ? null : round(value, digits);
    }

    public String json() {
        try {
            return new ObjectMapper().writeValueAsString(asMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> table() {
        final String median = rounds.size() > 1 ? " (median of %d rounds)".formatted(rounds.size()) : "";
        final List<String[]> rows = new ArrayList<>(List.of(
            row("events (customers)", "%,d (%,d), after %,d warm-up events".formatted(events, customers, warmupEvents)),
            row("guarantee, partitions, threads", "%s, %d, %d (commit.interval.ms %s)".formatted(
                guarantee, partitions, threads, commitIntervalMs)),
            row("reference: " + reference.describe(), "%,.0f events/s%s".formatted(referenceEventsPerSec(), median)),
            row("clv-stream: input processed", "%,.0f events/s%s".formatted(clvEventsPerSec(), median)),
            row("throughput ratio clv / reference", "%.3f%s".formatted(throughputRatio(), median)),
            row("stream-thread CPU per event", "reference %.1f µs, clv-stream %.1f µs (ratio %.3f)%s".formatted(
                referenceCpuMicrosPerEvent(), clvCpuMicrosPerEvent(), cpuRatio(), median))));
        if (hostKnown()) {
            rows.add(row("host CPU per event, all processes", "reference %.1f µs, clv-stream %.1f µs (ratio %.3f)%s".formatted(
                referenceHostCpuMicrosPerEvent(), clvHostCpuMicrosPerEvent(), hostCpuRatio(), median)));
            rows.add(row("host CPU busy (stolen by hypervisor)", "reference %.0f%% (%.0f%%), clv-stream %.0f%% (%.0f%%)%s".formatted(
                referenceHostBusyPercent(), referenceHostStealPercent(), clvHostBusyPercent(), clvHostStealPercent(),
                median)));
        }
        if (rounds.size() > 1) {
            rows.add(row("rounds: throughput ratio, CPU ratio", String.join("; ", rounds.stream()
                .map(r -> "%.3f, %.3f".formatted(r.throughputRatio(), r.cpuRatio())).toList())));
        }
        rows.addAll(List.of(
            row("clv-stream: all sub-topologies drained", "%.2f s (%,.0f events/s)".formatted(
                clvDrainedSeconds, events / clvDrainedSeconds)),
            row("latency at %,d events/s".formatted(latencyRate), describe(latency))));
        if (referenceLatency != null) {
            rows.add(row("reference: latency at %,d events/s".formatted(latencyRate), describe(referenceLatency)));
        }
        rows.addAll(List.of(
            row("state per customer: live (changelogs)", "%.1f bytes".formatted(stateBytesPerCustomer)),
            row("state per customer: RocksDB on disk", "%.1f bytes".formatted(stateDiskBytesPerCustomer)),
            row("state per customer: changelog log", "%.1f bytes (uncompacted)".formatted(changelogLogBytesPerCustomer)),
            row("restore of a fresh instance", "%.2f s (%,d records)".formatted(restoreSeconds, restoredRecords))));
        final int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        final List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(String.format(Locale.ROOT, "%-" + width + "s  %s", r[0], r[1])));
        return lines;
    }

    private static String describe(LatencyProbe.Latency latency) {
        return "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d of %,d seen)".formatted(latency.p50Ms(), latency.p99Ms(),
            latency.maxMs(), latency.seen(), latency.sent());
    }

    private static String[] row(String name, String value) {
        return new String[] {name, value};
    }

    private static double round(double value, int digits) {
        final double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}

package io.clvstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    private static BenchResult withRounds(BenchResult.Round... rounds) {
        return withReference(ReferenceShape.BARE, rounds);
    }

    private static final LatencyProbe.Latency CLV_LATENCY = new LatencyProbe.Latency(300_000, 299_990, 1_000, 2_000, 3_000);

    private static BenchResult withReference(ReferenceShape reference, BenchResult.Round... rounds) {
        return withLatencies(reference, null, rounds);
    }

    private static BenchResult withLatencies(ReferenceShape reference, LatencyProbe.Latency referenceLatency,
                                             BenchResult.Round... rounds) {
        return new BenchResult(1_000_000, 100_000, 100_000, reference, 6, 1, "exactly_once_v2", "default", List.of(rounds),
            60.0, 20_000, CLV_LATENCY, referenceLatency, 190.0, 500.0, 2_500.0, 9.0, 1_000_000);
    }

    @Test
    void oneRoundReportsItsOwnFigures() {
        final BenchResult result = withRounds(new BenchResult.Round(60_000, 15_000, 10.0, 40.0));

        assertThat(result.throughputRatio()).isEqualTo(0.25);
        assertThat(result.cpuRatio()).isEqualTo(0.25);
        assertThat(result.clvEventsPerSec()).isEqualTo(15_000);
        assertThat(result.table()).noneMatch(line -> line.startsWith("rounds"));
    }

    @Test
    void ratiosAreTheMedianOfEachRoundsOwnRatioNotTheRatioOfMedians() throws Exception {
        // Rounds on a machine whose speed moves: their own ratios are 0.25, 0.30 and 0.20, so the median is 0.25;
        // the ratio of the two rates' medians, 18,000 / 60,000 = 0.30, mixes rounds and is not what is reported.
        final BenchResult result = withRounds(
            new BenchResult.Round(80_000, 20_000, 8.0, 32.0),
            new BenchResult.Round(60_000, 18_000, 10.0, 30.0),
            new BenchResult.Round(40_000, 8_000, 12.0, 60.0));

        assertThat(result.throughputRatio()).isCloseTo(0.25, within(1e-12));
        assertThat(result.cpuRatio()).isCloseTo(0.25, within(1e-12));
        assertThat(result.referenceEventsPerSec()).isEqualTo(60_000);
        assertThat(result.clvEventsPerSec()).isEqualTo(18_000);
        assertThat(result.clvCpuMicrosPerEvent()).isEqualTo(32.0);

        final JsonNode json = new ObjectMapper().readTree(result.json());
        assertThat(json.get("rounds").asInt()).isEqualTo(3);
        assertThat(json.get("roundThroughputRatios")).extracting(JsonNode::asDouble).containsExactly(0.25, 0.3, 0.2);
        assertThat(json.get("roundCpuRatios")).extracting(JsonNode::asDouble).containsExactly(0.25, 0.333, 0.2);
        assertThat(result.table()).anyMatch(line -> line.startsWith("rounds: throughput ratio, CPU ratio")
            && line.endsWith("0.250, 0.250; 0.300, 0.333; 0.200, 0.200"));
        assertThat(result.table()).anyMatch(line -> line.startsWith("throughput ratio clv / reference")
            && line.endsWith("0.250 (median of 3 rounds)"));
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        final BenchResult result = withRounds(
            new BenchResult.Round(50_000, 10_000, 10.0, 50.0),
            new BenchResult.Round(50_000, 15_000, 10.0, 40.0));

        assertThat(result.throughputRatio()).isCloseTo((0.2 + 0.3) / 2, within(1e-12));
        assertThat(result.clvEventsPerSec()).isEqualTo(12_500);
    }

    @Test
    void aShapedReferenceIsNamedInTheTableAndTheJson() throws Exception {
        final BenchResult bare = withRounds(new BenchResult.Round(60_000, 15_000, 10.0, 40.0));
        final BenchResult shaped = withReference(new ReferenceShape(190, 180), new BenchResult.Round(60_000, 15_000, 10.0, 40.0));

        assertThat(bare.table()).anyMatch(line -> line.startsWith("reference: groupByKey().aggregate() "));
        assertThat(shaped.table()).anyMatch(line -> line.startsWith("reference: aggregate, 190 B state, 180 B out per event "));
        final JsonNode json = new ObjectMapper().readTree(shaped.json());
        assertThat(json.get("referenceStateBytes").asInt()).isEqualTo(190);
        assertThat(json.get("referenceValueBytes").asInt()).isEqualTo(180);
        assertThat(new ObjectMapper().readTree(bare.json()).get("referenceValueBytes").asInt()).isZero();
        assertThatThrownBy(() -> new ReferenceShape(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        // Never less than the aggregate's own three numbers.
        assertThat(new ReferenceShape(0, 147).describe()).isEqualTo("aggregate, 24 B state, 147 B out per event");
    }

    @Test
    void aPublishingReferencesLatencyIsReportedBesideClvStreamsAndOnlyThen() throws Exception {
        final BenchResult.Round round = new BenchResult.Round(60_000, 15_000, 10.0, 40.0);
        final BenchResult bare = withReference(ReferenceShape.BARE, round);
        final BenchResult shaped = withLatencies(new ReferenceShape(190, 180),
            new LatencyProbe.Latency(300_000, 300_000, 120, 180, 250), round);

        final List<String> table = shaped.table();
        final int clv = table.indexOf(table.stream().filter(line -> line.startsWith("latency at 20,000 events/s")).findFirst()
            .orElseThrow());
        assertThat(table.get(clv)).endsWith("p50 1000 ms, p99 2000 ms, max 3000 ms (299,990 of 300,000 seen)");
        assertThat(table.get(clv + 1)).startsWith("reference: latency at 20,000 events/s")
            .endsWith("p50 120 ms, p99 180 ms, max 250 ms (300,000 of 300,000 seen)");
        final JsonNode json = new ObjectMapper().readTree(shaped.json());
        assertThat(json.get("p99LatencyMs").asDouble()).isEqualTo(2_000);
        assertThat(json.get("latencySeen").asLong()).isEqualTo(299_990);
        assertThat(json.get("referenceP50LatencyMs").asDouble()).isEqualTo(120);
        assertThat(json.get("referenceP99LatencyMs").asDouble()).isEqualTo(180);
        assertThat(json.get("referenceMaxLatencyMs").asDouble()).isEqualTo(250);

        assertThat(bare.table()).noneMatch(line -> line.startsWith("reference: latency"));
        assertThat(new ObjectMapper().readTree(bare.json()).get("referenceP99LatencyMs").isNull()).isTrue();
    }

    @Test
    void theHostsLoadIsReportedPerTopologyAndItsRatioIsEachRoundsOwn() throws Exception {
        // Round ratios of host CPU per event: 15 / 60 = 0.25 and 20 / 50 = 0.40; their mean is the median of two.
        final BenchResult result = withRounds(
            new BenchResult.Round(100_000, 25_000, 8.0, 30.0, new HostCpu.Load(15.0, 0.95, 0.01),
                new HostCpu.Load(60.0, 0.99, 0.03)),
            new BenchResult.Round(90_000, 30_000, 9.0, 28.0, new HostCpu.Load(20.0, 0.85, 0.05),
                new HostCpu.Load(50.0, 0.97, 0.01)));

        assertThat(result.hostCpuRatio()).isCloseTo((0.25 + 0.40) / 2, within(1e-12));
        final JsonNode json = new ObjectMapper().readTree(result.json());
        assertThat(json.get("referenceHostCpuMicrosPerEvent").asDouble()).isEqualTo(17.5);
        assertThat(json.get("clvHostCpuMicrosPerEvent").asDouble()).isEqualTo(55.0);
        assertThat(json.get("hostCpuRatio").asDouble()).isEqualTo(0.325);
        assertThat(json.get("referenceHostBusyPercent").asDouble()).isEqualTo(90.0);
        assertThat(json.get("clvHostBusyPercent").asDouble()).isEqualTo(98.0);
        assertThat(json.get("referenceHostStealPercent").asDouble()).isEqualTo(3.0);
        assertThat(json.get("clvHostStealPercent").asDouble()).isEqualTo(2.0);
        assertThat(result.table()).anyMatch(line -> line.startsWith("host CPU per event, all processes")
            && line.endsWith("reference 17.5 µs, clv-stream 55.0 µs (ratio 0.325) (median of 2 rounds)"));
        assertThat(result.table()).anyMatch(line -> line.startsWith("host CPU busy (stolen by hypervisor)")
            && line.endsWith("reference 90% (3%), clv-stream 98% (2%) (median of 2 rounds)"));
    }

    @Test
    void aHostThatCouldNotBeReadInAnyRoundHasNoHostFigures() throws Exception {
        final BenchResult result = withRounds(
            new BenchResult.Round(100_000, 25_000, 8.0, 30.0, new HostCpu.Load(15.0, 0.95, 0.01),
                new HostCpu.Load(60.0, 0.99, 0.03)),
            new BenchResult.Round(90_000, 30_000, 9.0, 28.0));

        final JsonNode json = new ObjectMapper().readTree(result.json());
        assertThat(json.get("hostCpuRatio").isNull()).isTrue();
        assertThat(json.get("clvHostCpuMicrosPerEvent").isNull()).isTrue();
        assertThat(json.get("clvHostBusyPercent").isNull()).isTrue();
        assertThat(result.table()).noneMatch(line -> line.startsWith("host CPU"));
        assertThat(result.throughputRatio()).isCloseTo((0.25 + 1.0 / 3) / 2, within(1e-12));
    }

    @Test
    void aResultNeedsARound() {
        assertThatThrownBy(BenchResultTest::withRounds).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundsAlternateAndTheLastRunsTheReferenceFirst() {
        assertThat(Bench.referenceFirst(1, 1)).isTrue();
        assertThat(List.of(1, 2, 3).stream().map(r -> Bench.referenceFirst(r, 3))).containsExactly(true, false, true);
        assertThat(List.of(1, 2).stream().map(r -> Bench.referenceFirst(r, 2))).containsExactly(false, true);
    }
}

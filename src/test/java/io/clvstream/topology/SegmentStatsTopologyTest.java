package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.SegmentStats;
import io.clvstream.customer.UtcCalendar;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/** Segment statistics through the real topology, against hand-computed figures. */
class SegmentStatsTopologyTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant CLOCK = Instant.parse("2025-06-01T00:00:00Z");

    static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    /**
     * vip: a (CAC 100) buys 100 on day 0 and 50 on day 10. unknown: b buys 200 on day 5, c buys 300
     * on day 20. On day 21 c's signup (vip, CAC 50) moves c from unknown to vip.
     */
    static Map<String, CustomerValue> scenario(TopologyFixture f) {
        f.signup("a", T0, "vip", "100.00");
        f.buy("a", "o-1", day(0), "100.00");
        f.buy("a", "o-2", day(10), "50.00");
        f.buy("b", "o-3", day(5), "200.00");
        f.buy("c", "o-4", day(20), "300.00");
        f.signup("c", day(21), "vip", "50.00");
        return f.values().stream().collect(Collectors.toMap(CustomerValue::getCustomerId, v -> v, (a, b) -> b));
    }

    /** The latest figures per segment, once the customer task has published (every clv.segments.publish-interval). */
    static Map<String, SegmentStats> latest(TopologyFixture f) {
        f.driver.advanceWallClockTime(Duration.ofSeconds(1));
        final TestOutputTopic<String, SegmentStats> topic = f.driver.createOutputTopic(
            f.topics.segmentStats(), new StringDeserializer(), f.serdes.segmentStats().deserializer());
        return topic.readKeyValuesToMap();
    }

    static TopologyFixture fixture(String churn) {
        return new TopologyFixture(CLOCK, Map.of("clv.segments.churn", churn, "clv.segments.churn.days", "10",
            "clv.segments.sketch.interval", "PT1M"));
    }

    @Test
    void segmentFiguresMoveWhenACustomerChangesSegment() {
        try (TopologyFixture f = fixture("no-purchase-days")) {
            final Map<String, CustomerValue> values = scenario(f);
            final Map<String, SegmentStats> stats = latest(f);

            final SegmentStats vip = stats.get("vip");
            assertThat(vip.getCustomers()).isEqualTo(2);
            assertThat(vip.getRepeatCustomers()).isEqualTo(1);
            assertThat(vip.getRepeatCustomerRate()).isEqualTo(0.5);
            assertThat(vip.getOrders()).isEqualTo(3);
            assertThat(vip.getNetRevenue()).isEqualByComparingTo("450.00");
            assertThat(vip.getAverageOrderValue()).isEqualByComparingTo("150.00");
            assertThat(vip.getAverageHistoricClv()).isEqualByComparingTo("225.00");
            assertThat(vip.getAverageAcquisitionCost()).isEqualByComparingTo("75.00");
            // A signup does not move a customer's as-of time: c's value is as of its purchase on day 20.
            assertThat(vip.getUpdatedAt()).isEqualTo(day(20));
            // Exposure to day 20: a from day 0, c from day 20 = 20 customer-days.
            assertThat(vip.getPurchaseFrequency()).isCloseTo(3 / (20 * UtcCalendar.DAY_MS / UtcCalendar.YEAR_MS), within(1e-9));
            final BigDecimal fa = values.get("a").getFormulaClv();
            final BigDecimal fc = values.get("c").getFormulaClv();
            assertThat(vip.getAverageFormulaClv()).isEqualByComparingTo(fa.add(fc).divide(BigDecimal.valueOf(2)));
            assertThat(vip.getLtvToCac()).isCloseTo(fa.add(fc).doubleValue() / 150.0, within(1e-9));
            final BigDecimal pa = values.get("a").getPredictedClv();
            final BigDecimal pc = values.get("c").getPredictedClv();
            // Within a cent: the segment keeps sums in cents and rounds the mean to cents.
            assertThat(vip.getAveragePredictedClv()).isCloseTo(pa.add(pc).divide(BigDecimal.valueOf(2)), within(new BigDecimal("0.01")));

            final SegmentStats unknown = stats.get("unknown");
            assertThat(unknown.getCustomers()).isEqualTo(1);
            assertThat(unknown.getOrders()).isEqualTo(1);
            assertThat(unknown.getNetRevenue()).isEqualByComparingTo("200.00");
            assertThat(unknown.getAverageOrderValue()).isEqualByComparingTo("200.00");
            assertThat(unknown.getRepeatCustomerRate()).isEqualTo(0.0);
            assertThat(unknown.getAverageAcquisitionCost()).isNull();
            assertThat(unknown.getLtvToCac()).isNull();

            final SegmentStats all = stats.get("*");
            assertThat(all.getCustomers()).isEqualTo(3);
            assertThat(all.getOrders()).isEqualTo(4);
            assertThat(all.getNetRevenue()).isEqualByComparingTo("650.00");
            assertThat(all.getAverageOrderValue()).isEqualByComparingTo("162.50");
            assertThat(all.getAverageHistoricClv()).isEqualByComparingTo("216.67");
            assertThat(all.getRepeatCustomerRate()).isCloseTo(1 / 3.0, within(1e-12));

            // No purchase for 10 days as of day 20: a (day 10) and b (day 5) churned, c (day 20) not.
            assertThat(vip.getChurnRate()).isEqualTo(0.5);
            assertThat(vip.getAverageLifespanYears()).isEqualTo(2.0);
            assertThat(unknown.getChurnRate()).isEqualTo(1.0);
            assertThat(all.getChurnRate()).isCloseTo(2 / 3.0, within(1e-12));
        }
    }

    @Test
    void pAliveChurnCountsMembersWhosePAliveIsBelowTheThreshold() {
        try (TopologyFixture f = fixture("p-alive")) {
            final Map<String, CustomerValue> values = scenario(f);
            final Map<String, SegmentStats> stats = latest(f);
            final long vipChurned = List.of("a", "c").stream().filter(id -> values.get(id).getPAlive() < 0.5).count();
            final long allChurned = values.values().stream().filter(v -> v.getPAlive() < 0.5).count();
            assertThat(stats.get("vip").getChurnRate()).isEqualTo(vipChurned / 2.0);
            assertThat(stats.get("*").getChurnRate()).isCloseTo(allChurned / 3.0, within(1e-12));
        }
    }

    @Test
    void refundsAndLaterPurchasesMoveTheSumsByTheDifference() {
        try (TopologyFixture f = fixture("no-purchase-days")) {
            scenario(f);
            f.refund("b", "r-1", "o-3", day(22), "200.00");
            f.buy("a", "o-5", day(23), "25.00");
            final Map<String, SegmentStats> stats = latest(f);
            assertThat(stats.get("unknown").getOrders()).isZero();
            assertThat(stats.get("unknown").getNetRevenue()).isEqualByComparingTo("0.00");
            assertThat(stats.get("unknown").getAverageOrderValue()).isNull();
            assertThat(stats.get("vip").getOrders()).isEqualTo(4);
            assertThat(stats.get("vip").getNetRevenue()).isEqualByComparingTo("475.00");
            assertThat(stats.get("*").getNetRevenue()).isEqualByComparingTo("475.00");
            assertThat(stats.get("*").getOrders()).isEqualTo(4);
        }
    }

    @Test
    void quantilesArriveWithTheSketchInterval() {
        try (TopologyFixture f = fixture("no-purchase-days")) {
            final Map<String, CustomerValue> values = scenario(f);
            latest(f);
            f.driver.advanceWallClockTime(Duration.ofMinutes(1));
            final Map<String, SegmentStats> stats = latest(f);

            // Fewer values than k: the sketch holds them all and its quantiles are exact.
            final double fa = values.get("a").getFormulaClv().doubleValue();
            final double fb = values.get("b").getFormulaClv().doubleValue();
            final double fc = values.get("c").getFormulaClv().doubleValue();
            final List<Double> all = List.of(fa, fb, fc).stream().sorted().toList();
            assertThat(stats.get("*").getClvP50()).isEqualTo(all.get(1));
            assertThat(stats.get("*").getClvP99()).isEqualTo(all.get(2));
            assertThat(stats.get("vip").getClvP50()).isEqualTo(Math.min(fa, fc));
            assertThat(stats.get("vip").getClvP90()).isEqualTo(Math.max(fa, fc));
            assertThat(stats.get("unknown").getClvP50()).isEqualTo(fb);
            assertThat(stats.get("*").getCustomers()).isEqualTo(3);

            // Later figures from the sums carry the quantiles along.
            f.buy("b", "o-9", day(30), "10.00");
            assertThat(latest(f).get("unknown").getClvP50()).isNotNull();
        }
    }

    @Test
    void churnAndExposureMoveAsTimePassesInAQuietSegment() {
        try (TopologyFixture f = fixture("no-purchase-days")) {
            scenario(f);
            assertThat(latest(f).get("vip").getChurnRate()).isEqualTo(0.5);
            // No event, one sketch interval later: as of the wall clock (June), nobody bought in the last 10 days.
            f.driver.advanceWallClockTime(Duration.ofMinutes(1));
            final Map<String, SegmentStats> stats = latest(f);
            final SegmentStats vip = stats.get("vip");
            assertThat(vip.getChurnRate()).isEqualTo(1.0);
            assertThat(stats.get("*").getChurnRate()).isEqualTo(1.0);
            assertThat(vip.getUpdatedAt()).isAfter(CLOCK);
            assertThat(vip.getCustomers()).isEqualTo(2);
            // Exposure now runs to the refresh: a from day 0, c from day 20.
            final double years = (2 * Duration.between(T0, vip.getUpdatedAt()).toMillis() - 20 * UtcCalendar.DAY_MS)
                / UtcCalendar.YEAR_MS;
            assertThat(vip.getPurchaseFrequency()).isCloseTo(3 / years, within(1e-6));
        }
    }

    @Test
    void aSegmentWhoseLastCustomerLeavesIsPublishedEmpty() {
        try (TopologyFixture f = fixture("no-purchase-days")) {
            f.buy("x", "o-1", day(1), "80.00");
            assertThat(latest(f).get("unknown").getCustomers()).isEqualTo(1);
            f.signup("x", day(2), "gold", null);
            final Map<String, SegmentStats> stats = latest(f);
            assertThat(stats.get("unknown").getCustomers()).isZero();
            assertThat(stats.get("unknown").getNetRevenue()).isEqualByComparingTo("0.00");
            assertThat(stats.get("unknown").getChurnRate()).isNull();
            assertThat(stats.get("gold").getCustomers()).isEqualTo(1);
            assertThat(stats.get("*").getCustomers()).isEqualTo(1);
            assertThat(stats.get("*").getNetRevenue()).isEqualByComparingTo("80.00");
        }
    }
}

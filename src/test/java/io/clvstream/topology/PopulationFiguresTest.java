package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.SegmentStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The published population figures flowing back into the customer figures: segment priors of
 * formula CLV and the HIGH_VALUE top percent, through the real topology (clv.segment-stats read
 * back as a global store).
 */
class PopulationFiguresTest {

    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant CLOCK = Instant.parse("2025-06-01T00:00:00Z");

    static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    static Map<String, CustomerValue> latestValues(TopologyFixture f) {
        return f.values().stream().collect(Collectors.toMap(CustomerValue::getCustomerId, v -> v, (a, b) -> b));
    }

    @Test
    void formulaClvTakesFrequencyAndLifespanFromALargeEnoughSegment() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.formula.prior-source", "segment",
            "clv.formula.segment-min-customers", "4", "clv.segments.churn", "no-purchase-days",
            "clv.segments.churn.days", "10", "clv.segments.sketch.interval", "PT1H"))) {
            // vip: four customers, two of whom last bought 30 days before the others.
            final int[] days = {0, 0, 30, 30};
            for (int i = 0; i < days.length; i++) {
                f.signup("v" + i, day(0), "vip", null);
                f.buy("v" + i, "o-v" + i, day(days[i]), "100.00");
            }
            f.signup("s", day(0), "small", null);
            f.buy("s", "o-s", day(30), "100.00");
            final SegmentStats vip = SegmentStatsTopologyTest.latest(f).get("vip");
            assertThat(vip.getChurnRate()).isEqualTo(0.5);

            f.signup("z", day(31), "vip", null);
            f.buy("z", "o-z", day(31), "300.00");
            f.signup("y", day(31), "small", null);
            f.buy("y", "o-y", day(31), "300.00");

            // One order today, prior weight 1 year: frequency (1 + 1 x prior) / 1; DESIGN.md's AOV x frequency x lifespan.
            final Map<String, CustomerValue> values = latestValues(f);
            final double fromSegment = 300 * (1 + vip.getPurchaseFrequency()) * vip.getAverageLifespanYears();
            assertThat(values.get("z").getFormulaClv().doubleValue()).isCloseTo(fromSegment, within(0.01));
            assertThat(vip.getAverageLifespanYears()).isEqualTo(2.0);
            // "small" has one customer, below the minimum: the configured 2/yr and 3 years.
            assertThat(values.get("y").getFormulaClv()).isEqualByComparingTo("2700.00");
        }
    }

    @Test
    void configuredPriorsStayWhenThePriorSourceIsConfig() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.formula.segment-min-customers", "1"))) {
            f.signup("v", day(0), "vip", null);
            f.buy("v", "o-v", day(0), "100.00");
            SegmentStatsTopologyTest.latest(f);
            f.signup("z", day(1), "vip", null);
            f.buy("z", "o-z", day(1), "300.00");
            assertThat(latestValues(f).get("z").getFormulaClv()).isEqualByComparingTo("2700.00");
        }
    }

    @Test
    void highValueAlsoFiresOnEnteringTheTopPercent() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.alert.high-value.top-percent", "10",
            "clv.alert.high-value.metric", "LIFETIME_NET_SPEND", "clv.alert.high-value.threshold", "1000000",
            "clv.segments.sketch.interval", "PT1M"))) {
            final List<Integer> spend = new ArrayList<>();
            for (int i = 1; i <= 120; i++) {
                spend.add(i * 10);
            }
            Collections.shuffle(spend, new Random(7));
            for (int i = 0; i < spend.size(); i++) {
                f.buy("c" + i, "o" + i, day(1), spend.get(i) + ".00");
            }
            assertThat(f.alerts.readValuesToList()).isEmpty();
            f.driver.advanceWallClockTime(Duration.ofMinutes(1));
            final SegmentStats all = SegmentStatsTopologyTest.latest(f).get("*");
            // 120 values, fewer than k: the sketch is exact; the 90th percentile (inclusive rank 108 of 120) is 1,080.
            assertThat(all.getTopPercentThreshold()).isEqualTo(1080.0);

            f.buy("rich", "o-rich", day(2), "1500.00");
            f.buy("modest", "o-modest", day(2), "500.00");
            final List<Alert> alerts = f.alerts.readValuesToList();
            assertThat(alerts).extracting(Alert::getCustomerId).containsExactly("rich");
            assertThat(alerts.get(0).getThreshold()).isEqualTo(1080.0);
            assertThat(alerts.get(0).getReason()).contains("entered the top 10% of customers");
        }
    }
}

package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.Alert;
import io.clvstream.avro.AlertType;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.TierDirection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loyalty tiers (default ladder bronze 0, silver 500, gold 2,000, platinum 10,000 on net spend 12m) and alerts. */
class TiersAndAlertsTest {

    static final Instant BOUGHT = Instant.parse("2025-01-15T10:00:00Z");
    static final Instant CLOCK = Instant.parse("2025-01-15T12:00:00Z");
    /** Wall clock when the January 2025 spend has left the rolling window (it does on 2026-01-01). */
    static final Instant AFTER_ROLL_OFF = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void upgradesAreImmediateAndSayWhatIsNeeded() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-1", BOUGHT.minusSeconds(3600), "100.00");
            f.buy("c-1", "o-2", BOUGHT, "450.00");
            f.buy("c-1", "o-3", BOUGHT.plusSeconds(60), "10.00");

            final List<TierChange> changes = f.tierChanges.readValuesToList();
            assertThat(changes).hasSize(2);
            assertThat(changes.get(0)).satisfies(c -> {
                assertThat(c.getFromTier()).isNull();
                assertThat(c.getToTier()).isEqualTo("bronze");
                assertThat(c.getDirection()).isEqualTo(TierDirection.UP);
                assertThat(c.getQualifyingValue()).isEqualByComparingTo("100.00");
            });
            assertThat(changes.get(1)).satisfies(c -> {
                assertThat(c.getFromTier()).isEqualTo("bronze");
                assertThat(c.getToTier()).isEqualTo("silver");
                assertThat(c.getDirection()).isEqualTo(TierDirection.UP);
                assertThat(c.getQualifyingValue()).isEqualByComparingTo("550.00");
                assertThat(c.getNeededForNextTier()).isEqualByComparingTo("1450.00");
                assertThat(c.getNeededToKeepTier()).isEqualByComparingTo("50.00");
                assertThat(c.getMetric()).isEqualTo("NET_SPEND_12M");
                assertThat(c.getReason()).contains("550.00").contains("silver 500.00");
                assertThat(c.getOccurredAt()).isEqualTo(BOUGHT);
            });
            assertThat(f.lastValue().getTier()).isEqualTo("silver");
        }
    }

    @Test
    void downgradeWaitsForTheGracePeriodAsTimePassesWithoutEvents() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-1", BOUGHT, "600.00");
            assertThat(f.tierChanges.readValue().getToTier()).isEqualTo("silver");
            f.values();

            f.driver.advanceWallClockTime(Duration.between(CLOCK, AFTER_ROLL_OFF));
            assertThat(f.tierChanges.isEmpty()).isTrue();
            assertThat(f.state("c-1").getDowngradeDueAt()).isEqualTo(AFTER_ROLL_OFF.plus(Duration.ofDays(30)).toEpochMilli());

            f.driver.advanceWallClockTime(Duration.ofDays(29));
            assertThat(f.tierChanges.isEmpty()).isTrue();

            f.driver.advanceWallClockTime(Duration.ofDays(1).plusMinutes(1));
            final TierChange down = f.tierChanges.readValue();
            assertThat(down.getFromTier()).isEqualTo("silver");
            assertThat(down.getToTier()).isEqualTo("bronze");
            assertThat(down.getDirection()).isEqualTo(TierDirection.DOWN);
            assertThat(down.getQualifyingValue()).isEqualByComparingTo("0.00");
            assertThat(down.getNeededForNextTier()).isEqualByComparingTo("500.00");
            assertThat(down.getReason()).contains("grace");
            assertThat(down.getOccurredAt()).isEqualTo(AFTER_ROLL_OFF.plus(Duration.ofDays(30)).plusSeconds(60));
            final CustomerValue value = f.lastValue();
            assertThat(value.getTier()).isEqualTo("bronze");
            assertThat(value.getCause().getType()).isEqualTo("TIME");

            f.driver.advanceWallClockTime(Duration.ofDays(400));
            assertThat(f.tierChanges.isEmpty()).isTrue();
            assertThat(f.state("c-1").getDueAt()).isNull();
        }
    }

    @Test
    void requalifyingDuringTheGraceCancelsTheDowngrade() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-1", BOUGHT, "600.00");
            f.tierChanges.readValue();
            f.driver.advanceWallClockTime(Duration.between(CLOCK, AFTER_ROLL_OFF));
            assertThat(f.state("c-1").getDowngradeDueAt()).isNotNull();

            f.driver.advanceWallClockTime(Duration.ofDays(9));
            f.buy("c-1", "o-2", AFTER_ROLL_OFF.plus(Duration.ofDays(9)).minusSeconds(60), "600.00");
            assertThat(f.state("c-1").getDowngradeDueAt()).isNull();

            f.driver.advanceWallClockTime(Duration.ofDays(40));
            assertThat(f.tierChanges.isEmpty()).isTrue();
            assertThat(f.state("c-1").getTier()).isEqualTo("silver");
        }
    }

    @Test
    void streamTimeDrivesTheSameReEvaluationInReplays() {
        try (TopologyFixture f = new TopologyFixture(Instant.parse("2026-06-01T00:00:00Z"),
            Map.of("clv.time.source", "stream-time"))) {
            f.buy("c-1", "o-1", BOUGHT, "600.00");
            f.buy("other", "o-2", AFTER_ROLL_OFF, "1.00");
            f.buy("other", "o-3", AFTER_ROLL_OFF.plus(Duration.ofDays(31)), "1.00");

            assertThat(f.tierChanges.readValuesToList())
                .filteredOn(c -> c.getCustomerId().equals("c-1"))
                .extracting(TierChange::getToTier).containsExactly("silver", "bronze");
        }
    }

    @Test
    void highValueAlertOncePerCrossingAndAgainOnlyAfterRearming() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of(
            "clv.alert.high-value.metric", "LIFETIME_NET_SPEND",
            "clv.alert.high-value.threshold", "1000",
            "clv.alert.high-value.hysteresis", "0.1"))) {
            final Instant t = BOUGHT.minus(Duration.ofDays(10));
            f.buy("c-1", "o-1", t, "600.00");
            f.buy("c-1", "o-2", t.plusSeconds(1), "500.00");     // 1,100 >= 1,000: alert
            f.buy("c-1", "o-3", t.plusSeconds(2), "100.00");     // 1,200
            f.buy("c-1", "o-4", t.plusSeconds(3), "100.00");     // 1,300
            f.refund("c-1", "r-1", "o-2", t.plusSeconds(4), "500.00"); // 800 < 900: re-armed, silent
            f.buy("c-1", "o-5", t.plusSeconds(5), "150.00");     // 950: armed, below threshold
            f.buy("c-1", "o-6", t.plusSeconds(6), "100.00");     // 1,050: alert again

            final List<Alert> alerts = f.alerts.readValuesToList();
            assertThat(alerts).hasSize(2);
            assertThat(alerts).extracting(Alert::getType).containsOnly(AlertType.HIGH_VALUE);
            assertThat(alerts).extracting(Alert::getValue).containsExactly(1100.0, 1050.0);
            assertThat(alerts.get(0).getThreshold()).isEqualTo(1000.0);
            assertThat(alerts.get(0).getMetric()).isEqualTo("LIFETIME_NET_SPEND");
        }
    }

    @Test
    void highValueStaysSilentWhenHoveringAboveTheRearmLevel() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of(
            "clv.alert.high-value.metric", "LIFETIME_NET_SPEND", "clv.alert.high-value.threshold", "1000"))) {
            final Instant t = BOUGHT.minus(Duration.ofDays(10));
            f.buy("c-1", "o-1", t, "1000.00");
            f.refund("c-1", "r-1", "o-1", t.plusSeconds(1), "50.00");  // 950: above 900, stays disarmed
            f.buy("c-1", "o-2", t.plusSeconds(2), "100.00");            // 1,050: no second alert
            assertThat(f.alerts.readValuesToList()).hasSize(1);
        }
    }

    @Test
    void defaultHighValueMetricIsFormulaClv() {
        // Lifespan 3, prior 2/yr over 1 year: one 2,000 order today projects 2,000 x (1 + 2)/1 x 3 = 18,000.
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of())) {
            f.buy("c-1", "o-1", BOUGHT, "2000.00");
            final Alert alert = f.alerts.readValue();
            assertThat(alert.getMetric()).isEqualTo("FORMULA_CLV");
            assertThat(alert.getValue()).isEqualTo(18000.0);
            assertThat(f.lastValue().getFormulaClv()).isEqualByComparingTo("18000.00");
        }
    }

    @Test
    void formulaClvTierKeepsItsTierWhenEveryOrderIsReturned() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.tier.metric", "FORMULA_CLV"))) {
            f.buy("c-1", "o-1", BOUGHT, "100.00");
            f.refund("c-1", "r-1", "o-1", BOUGHT.plusSeconds(60), "100.00");
            // 100 x (1 + 2)/1 x 3 = 900: silver; with no order left there is no formula CLV to judge.
            assertThat(f.tierChanges.readValuesToList()).extracting(TierChange::getToTier).containsExactly("silver");
            final CustomerValue value = f.lastValue();
            assertThat(value.getOrders()).isZero();
            assertThat(value.getFormulaClv()).isNull();
            assertThat(value.getTier()).isEqualTo("silver");
        }
    }
}

package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.Alert;
import io.clvstream.avro.AlertType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AT_RISK by the passing of time alone: a high-value customer's P(alive) crosses the threshold at a time given by
 * BG/NBD's closed form, written out here with the prior (published CDNOW fit, α in days = 4.414 x 7).
 */
class AtRiskAlertTest {

    static final Instant FIRST = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant SECOND = FIRST.plus(Duration.ofDays(10));
    static final Map<String, String> CONFIG = Map.of(
        "clv.alert.high-value.metric", "LIFETIME_NET_SPEND",
        "clv.alert.high-value.threshold", "100",
        "clv.alert.at-risk.p-alive", "0.5");

    /** Days after the first purchase at which P(alive | x, t_x) drops below 1/2 (CDNOW prior, days). */
    static double crossingDays(int x, double txDays) {
        final double r = 0.243;
        final double alpha = 4.414 * 7;
        final double a = 0.793;
        final double b = 2.426;
        // P(alive) = 1 / (1 + a/(b+x-1) ((α+T)/(α+t_x))^(r+x)) = 1/2  <=>  ((α+T)/(α+t_x))^(r+x) = (b+x-1)/a
        return (alpha + txDays) * Math.pow((b + x - 1) / a, 1 / (r + x)) - alpha;
    }

    @Test
    void firesOnceWhenPAliveCrossesAsTimePassesAndAPurchaseRearmsIt() {
        try (TopologyFixture f = new TopologyFixture(SECOND.plus(Duration.ofHours(1)), CONFIG)) {
            f.buy("c-1", "o-1", FIRST, "80.00");
            f.buy("c-1", "o-2", SECOND, "80.00");
            assertThat(f.alerts.readValue().getType()).isEqualTo(AlertType.HIGH_VALUE);

            final Instant crossing = FIRST.plusMillis(Math.round(crossingDays(1, 10) * 86_400_000L));
            final Duration untilCrossing = Duration.between(SECOND.plus(Duration.ofHours(1)), crossing);
            f.driver.advanceWallClockTime(untilCrossing.minusMinutes(2));
            assertThat(f.alerts.isEmpty()).isTrue();

            f.driver.advanceWallClockTime(Duration.ofMinutes(3));
            final List<Alert> alerts = f.alerts.readValuesToList();
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).getType()).isEqualTo(AlertType.AT_RISK);
            assertThat(alerts.get(0).getValue()).isLessThan(0.5).isGreaterThan(0.49);
            assertThat(alerts.get(0).getThreshold()).isEqualTo(0.5);
            assertThat(alerts.get(0).getOccurredAt()).isBetween(crossing, crossing.plus(Duration.ofMinutes(2)));
            assertThat(f.lastValue().getPAlive()).isLessThan(0.5);

            // Once per episode: more time, no more alerts.
            f.driver.advanceWallClockTime(Duration.ofDays(60));
            assertThat(f.alerts.isEmpty()).isTrue();

            // A purchase re-arms it; the next crossing comes from the new (x, t_x).
            final Instant third = crossing.plus(Duration.ofDays(61));
            f.buy("c-1", "o-3", third, "20.00");
            assertThat(f.alerts.isEmpty()).isTrue();
            final double thirdDays = Duration.between(FIRST, third).toMillis() / 86_400_000.0;
            final Instant next = FIRST.plusMillis(Math.round(crossingDays(2, Math.floor(thirdDays)) * 86_400_000L));
            f.driver.advanceWallClockTime(Duration.between(crossing.plus(Duration.ofDays(60)), next).plusMinutes(1));
            final List<Alert> again = f.alerts.readValuesToList();
            assertThat(again).hasSize(1);
            assertThat(again.get(0).getType()).isEqualTo(AlertType.AT_RISK);
            assertThat(again.get(0).getOccurredAt()).isBetween(next, next.plus(Duration.ofMinutes(2)));
        }
    }

    @Test
    void customersBelowTheHighValueThresholdAreNeverAtRisk() {
        try (TopologyFixture f = new TopologyFixture(SECOND.plus(Duration.ofHours(1)), CONFIG)) {
            f.buy("c-2", "o-1", FIRST, "20.00");
            f.buy("c-2", "o-2", SECOND, "20.00");
            f.driver.advanceWallClockTime(Duration.ofDays(400));
            // No alert was ever written, so the driver does not even know the topic.
            assertThat(f.driver.producedTopicNames()).doesNotContain(f.topics.alerts());
        }
    }
}

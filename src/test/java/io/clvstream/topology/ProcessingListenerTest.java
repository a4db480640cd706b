package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topology reports applied events (with their lag), tier changes and alerts to its listener. */
class ProcessingListenerTest {

    private static final Instant CLOCK = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void reportsAppliedEventsTierChangesAndAlertsButNotDeadLetters() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.alert.high-value.metric", "LIFETIME_NET_SPEND",
            "clv.alert.high-value.threshold", "1000"))) {
            final Instant dayBefore = CLOCK.minus(Duration.ofDays(1));
            f.signup("c-1", dayBefore, "vip", null);
            f.buy("c-1", "o-1", dayBefore, "1200.00");
            f.buy("c-1", "o-1", dayBefore, "1200.00");
            f.buy("c-2", "o-2", dayBefore, "-5.00");

            final long lagMs = Duration.ofDays(1).toMillis();
            assertThat(f.reported).containsExactly(
                "event SIGNUP " + lagMs,
                "event PURCHASE " + lagMs, "tier UP", "alert HIGH_VALUE",
                "event PURCHASE " + lagMs);
            assertThat(f.deadLetterCounter.count("NEGATIVE_AMOUNT")).isEqualTo(1);
        }
    }
}

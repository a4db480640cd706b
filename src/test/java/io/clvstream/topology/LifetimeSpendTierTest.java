package io.clvstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code clv.tier.metric=LIFETIME_NET_SPEND} a customer above the floor tier has no roll-off
 * time; that must not fail the event (found by the fault suite: every such event was dead-lettered
 * as UNPROCESSABLE with a NullPointerException).
 */
class LifetimeSpendTierTest {

    static final Instant CLOCK = Instant.parse("2026-01-02T00:00:00Z");

    @Test
    void customerAboveTheFloorKeepsBeingProcessed() {
        try (TopologyFixture f = new TopologyFixture(CLOCK, Map.of("clv.tier.metric", "LIFETIME_NET_SPEND",
            "clv.tier.downgrade-grace", "PT0S"))) {
            f.buy("c-1", "o-1", CLOCK.minusSeconds(7_200), "600.00");
            f.buy("c-1", "o-2", CLOCK.minusSeconds(3_600), "10.00");
            f.refund("c-1", "r-1", "o-1", CLOCK.minusSeconds(1_800), "200.00");

            assertThat(f.deadLetters.isEmpty()).isTrue();
            assertThat(f.lastValue().getTier()).isEqualTo("silver");
            assertThat(f.tierChanges.readValuesToList()).extracting(t -> t.getToTier()).containsExactly("silver");
        }
    }
}

package io.clvstream.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clvstream.avro.TierChange;
import io.clvstream.avro.TierDirection;
import io.clvstream.avro.internal.CustomerState;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TierPolicyTest {

    static final long DAY = 86_400_000L;
    final TierPolicy policy = new TierPolicy(CustomerTopologyConfig.from(Map.of(
        CustomerTopologyConfig.TIERS, "gold:2000,bronze:0,silver:500", CustomerTopologyConfig.DOWNGRADE_GRACE, "P10D")));
    final CustomerState state = CustomerLedger.empty();

    @Test
    void noTierBeforeTheFirstPurchase() {
        assertThat(policy.evaluate("c", state, 100_000L, 0)).isEmpty();
        assertThat(state.getTier()).isNull();
    }

    @Test
    void entersAtTheQualifiedTierJumpsUpAndStepsDownToTheQualifiedTierAfterGrace() {
        state.setFirstPurchaseAt(0L);
        assertThat(policy.evaluate("c", state, 60_000L, 0)).get().extracting(TierChange::getToTier).isEqualTo("silver");
        assertThat(policy.evaluate("c", state, 250_000L, DAY)).get().satisfies(c -> {
            assertThat(c.getFromTier()).isEqualTo("silver");
            assertThat(c.getToTier()).isEqualTo("gold");
            assertThat(c.getNeededForNextTier()).isNull();
            assertThat(c.getNeededToKeepTier()).isEqualByComparingTo("500.00");
        });

        assertThat(policy.evaluate("c", state, 10_000L, 2 * DAY)).isEmpty();
        assertThat(state.getDowngradeDueAt()).isEqualTo(12 * DAY);
        assertThat(policy.evaluate("c", state, 10_000L, 11 * DAY)).isEmpty();
        final Optional<TierChange> down = policy.evaluate("c", state, 10_000L, 12 * DAY);
        assertThat(down).get().satisfies(c -> {
            assertThat(c.getFromTier()).isEqualTo("gold");
            assertThat(c.getToTier()).isEqualTo("bronze");
            assertThat(c.getDirection()).isEqualTo(TierDirection.DOWN);
        });
        assertThat(state.getDowngradeDueAt()).isNull();
    }

    @Test
    void theLowestTierIsAFloor() {
        state.setFirstPurchaseAt(0L);
        policy.evaluate("c", state, 0L, 0);
        assertThat(policy.evaluate("c", state, -5_000L, 100 * DAY)).isEmpty();
        assertThat(state.getTier()).isEqualTo("bronze");
        assertThat(state.getDowngradeDueAt()).isNull();
    }

    @Test
    void anUndefinedValueChangesNothing() {
        state.setFirstPurchaseAt(0L);
        policy.evaluate("c", state, 60_000L, 0);
        assertThat(policy.evaluate("c", state, null, 100 * DAY)).isEmpty();
        assertThat(state.getTier()).isEqualTo("silver");
        assertThat(state.getDowngradeDueAt()).isNull();
    }
}

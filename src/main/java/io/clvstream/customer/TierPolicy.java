package io.clvstream.customer;

import io.clvstream.avro.TierChange;
import io.clvstream.avro.TierDirection;
import io.clvstream.avro.internal.CustomerState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The loyalty ladder. Upgrades take effect at once; a customer who no longer qualifies keeps the
 * tier for the grace period and is downgraded only if still short when it ends, so a refund or a
 * quiet month does not bounce a customer between tiers. The lowest tier is a floor: once on the
 * ladder, a customer never leaves it.
 */
public final class TierPolicy {

    private final List<Tier> tiers;
    private final ValueMetric metric;
    private final Duration grace;

    public TierPolicy(CustomerTopologyConfig config) {
        this.tiers = config.tiers();
        this.metric = config.tierMetric();
        this.grace = config.downgradeGrace();
    }

    public ValueMetric metric() {
        return metric;
    }

    /**
     * Re-evaluates the tier as of {@code asOfMs} with the metric at {@code valueCents}, updating
     * {@code tier} and {@code downgradeDueAt} in {@code state}. Returns the change, if there is one.
     */
    public Optional<TierChange> evaluate(String customerId, CustomerState state, Long valueCents, long asOfMs) {
        // No value yet (formula CLV without kept orders): nothing to judge, the tier stays as it is.
        if (state.getFirstPurchaseAt() == null || valueCents == null) {
            return Optional.empty();
        }
        final int qualified = qualifiedIndex(valueCents);
        final int current = indexOf(state.getTier());
        if (current < 0) {
            return qualified < 0 ? Optional.empty()
                : Optional.of(change(customerId, state, null, qualified, valueCents, asOfMs,
                    reachedReason(valueCents, qualified)));
        }
        if (qualified > current) {
            return Optional.of(change(customerId, state, current, qualified, valueCents, asOfMs,
                reachedReason(valueCents, qualified)));
        }
        final int target = Math.max(qualified, 0);
        if (target == current) {
            state.setDowngradeDueAt(null);
            return Optional.empty();
        }
        if (state.getDowngradeDueAt() == null) {
            state.setDowngradeDueAt(asOfMs + grace.toMillis());
            return Optional.empty();
        }
        if (asOfMs < state.getDowngradeDueAt()) {
            return Optional.empty();
        }
        final Tier from = tiers.get(current);
        return Optional.of(change(customerId, state, current, target, valueCents, asOfMs,
            metric.label() + " " + Money.toDecimal(valueCents).toPlainString() + " < " + from.name() + " "
                + Money.toDecimal(from.thresholdCents()).toPlainString() + " for the " + grace + " grace period"));
    }

    private TierChange change(String customerId, CustomerState state, Integer from, int to, long valueCents,
                              long asOfMs, String reason) {
        state.setTier(tiers.get(to).name());
        state.setDowngradeDueAt(null);
        return TierChange.newBuilder()
            .setCustomerId(customerId)
            .setFromTier(from == null ? null : tiers.get(from).name())
            .setToTier(tiers.get(to).name())
            .setDirection(from == null || to > from ? TierDirection.UP : TierDirection.DOWN)
            .setQualifyingValue(Money.toDecimal(valueCents))
            .setReason(reason)
            .setOccurredAt(Instant.ofEpochMilli(asOfMs))
            .setMetric(metric.name())
            .setNeededForNextTier(to + 1 < tiers.size()
                ? Money.toDecimal(tiers.get(to + 1).thresholdCents() - valueCents) : null)
            .setNeededToKeepTier(Money.toDecimal(valueCents - tiers.get(to).thresholdCents()))
            .build();
    }

    private String reachedReason(long valueCents, int tier) {
        return metric.label() + " " + Money.toDecimal(valueCents).toPlainString() + " >= " + tiers.get(tier).name() + " "
            + Money.toDecimal(tiers.get(tier).thresholdCents()).toPlainString();
    }

    private int qualifiedIndex(long valueCents) {
        int index = -1;
        for (int i = 0; i < tiers.size(); i++) {
            if (valueCents >= tiers.get(i).thresholdCents()) {
                index = i;
            }
        }
        return index;
    }

    /** Index of a tier by name; -1 for none or a tier no longer configured (re-entered from scratch). */
    private int indexOf(String name) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}

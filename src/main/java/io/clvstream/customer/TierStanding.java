package io.clvstream.customer;

import java.util.List;

/**
 * Where a customer stands on the loyalty ladder: the tier metric's value, how much more reaches the
 * next tier and how far the value is above the current tier's threshold (negative while a downgrade
 * is pending). Pure; amounts in base-currency cents.
 *
 * @param tier current tier, null before the customer enters the ladder
 * @param valueCents the tier metric, null when it is not defined yet (formula CLV without orders)
 * @param nextTier the tier above the current one (the lowest tier before entering), null at the top
 * @param neededForNextTierCents what the metric lacks for {@code nextTier}; null without one or without a value
 * @param neededToKeepTierCents the metric minus the current tier's threshold; null without a tier or value
 */
public record TierStanding(String tier, ValueMetric metric, Long valueCents, String nextTier,
                           Long neededForNextTierCents, Long neededToKeepTierCents) {

    public static TierStanding of(List<Tier> tiers, ValueMetric metric, String currentTier, Long valueCents) {
        int current = -1;
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(currentTier)) {
                current = i;
            }
        }
        final Tier next = current + 1 < tiers.size() ? tiers.get(current + 1) : null;
        return new TierStanding(current < 0 ? null : currentTier, metric, valueCents,
            next == null ? null : next.name(),
            next == null || valueCents == null ? null : Math.max(0, next.thresholdCents() - valueCents),
            current < 0 || valueCents == null ? null : valueCents - tiers.get(current).thresholdCents());
    }
}

package io.clvstream.segment;

import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.customer.UtcCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The published population figures of one segment from its sums (DESIGN.md "Population
 * figures"), as of the segment's latest change. Pure.
 */
public final class SegmentFigures {

    private SegmentFigures() {
    }

    private static final double YEAR_SECONDS = UtcCalendar.YEAR_MS / 1000.0;

    /**
     * The figures; {@code distribution} null while no CLV sketch has arrived for the segment, and
     * {@code topPercent} null when no HIGH_VALUE top percent is configured.
     */
    public static SegmentStats stats(String segment, SegmentAggregate a, ClvDistribution distribution, Double topPercent) {
        final ClvQuantiles quantiles = distribution == null ? null : distribution.quantiles();
        final long customers = a.getCustomers();
        final Double churn = churnRate(a);
        return SegmentStats.newBuilder()
            .setSegment(segment)
            .setCustomers(customers)
            .setRepeatCustomers(a.getRepeatCustomers())
            .setRepeatCustomerRate(customers == 0 ? 0.0 : a.getRepeatCustomers() / (double) customers)
            .setOrders(a.getOrders())
            .setNetRevenue(BigDecimal.valueOf(a.getNetCents(), 2))
            .setAverageOrderValue(mean(a.getNetCents(), a.getOrders()))
            .setPurchaseFrequency(purchaseFrequency(a))
            .setChurnRate(churn)
            .setAverageLifespanYears(churn == null || churn == 0 ? null : 1 / churn)
            .setAverageHistoricClv(mean(a.getHistoricCents(), customers))
            .setAverageFormulaClv(mean(a.getFormulaCents(), a.getFormulaCount()))
            .setAveragePredictedClv(mean(a.getPredictedCents(), a.getPredictedCount()))
            .setAverageAcquisitionCost(mean(a.getCacCents(), a.getCacCount()))
            .setLtvToCac(a.getPairCacCents() > 0 ? a.getPairFormulaCents() / (double) a.getPairCacCents() : null)
            .setClvP50(quantiles == null ? null : quantiles.p50())
            .setClvP90(quantiles == null ? null : quantiles.p90())
            .setClvP99(quantiles == null ? null : quantiles.p99())
            .setTopPercentThreshold(quantiles == null || topPercent == null ? null : distribution.quantile(1 - topPercent / 100))
            .setUpdatedAt(Instant.ofEpochMilli(a.getAsOf()))
            .build();
    }

    /**
     * Orders per customer-year of exposure, a customer's exposure running from the first purchase
     * to the segment's as-of time: {@code orders / Σ (asOf − firstPurchase)}, the second sum being
     * {@code customers · asOf − Σ firstPurchase}. Null without exposure.
     */
    public static Double purchaseFrequency(SegmentAggregate a) {
        final double exposureSeconds = a.getCustomers() * (double) Math.floorDiv(a.getAsOf(), 1000L) - a.getFirstPurchaseSeconds();
        return exposureSeconds <= 0 ? null : a.getOrders() / (exposureSeconds / YEAR_SECONDS);
    }

    /**
     * Share of customers churned as of the segment's as-of time: those classified by P(alive)
     * below the threshold, plus those classified by days whose last purchase is at least
     * {@code clv.segments.churn.days} days before (counted when the sums were published). Null
     * without classified customers.
     */
    public static Double churnRate(SegmentAggregate a) {
        final long classified = a.getPAliveClassified() + a.getDaysClassified();
        return classified <= 0 ? null : (a.getPAliveChurned() + a.getDaysChurned()) / (double) classified;
    }

    private static BigDecimal mean(long cents, long count) {
        return count <= 0 ? null : BigDecimal.valueOf(cents, 2).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
    }
}

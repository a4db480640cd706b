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

    private static final double YEAR_SECONDS = UtcCalendar.YEAR_MS / 1000.0;

    private final SegmentsConfig config;

    public SegmentFigures(SegmentsConfig config) {
        this.config = config;
    }

    /** The figures; {@code quantiles} null while no CLV sketch has arrived for the segment. */
    public SegmentStats stats(String segment, SegmentAggregate a, ClvQuantiles quantiles) {
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
     * Share of customers churned as of the segment's latest change: those classified by P(alive)
     * below the threshold, plus those classified by days whose last purchase is at least
     * {@code clv.segments.churn.days} days before. Null without customers.
     */
    public Double churnRate(SegmentAggregate a) {
        final long classified = a.getPAliveClassified() + SegmentArithmetic.classifiedByDays(a);
        if (classified <= 0) {
            return null;
        }
        final int cutoffDay = UtcCalendar.day(a.getAsOf()) - config.churnDays() + 1;
        final long churned = a.getPAliveChurned() + SegmentArithmetic.lastPurchasedBefore(a, cutoffDay);
        return churned / (double) classified;
    }

    private static BigDecimal mean(long cents, long count) {
        return count <= 0 ? null : BigDecimal.valueOf(cents, 2).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
    }
}

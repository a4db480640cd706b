package io.clvstream.segment;

import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.customer.UtcCalendar;

/**
 * Moves a segment's sums by one member's contribution ({@link #addTo} the member's new value,
 * {@link #subtractFrom} its old one, both in place) and adds up the sums of partitions ({@link #plus},
 * which builds a new aggregate). Only integer sums, so add-then-subtract restores the aggregate exactly
 * whatever the order of updates.
 */
public final class SegmentArithmetic {

    private SegmentArithmetic() {
    }

    public static SegmentAggregate empty() {
        return SegmentAggregate.newBuilder().build();
    }

    /** Adds {@code member}'s contribution to {@code sums}, in place: a task keeps one running sum per segment. */
    public static void addTo(SegmentAggregate sums, SegmentMember member) {
        move(sums, member, 1);
    }

    /** Takes {@code member}'s contribution (as it was added) off {@code sums}, in place. */
    public static void subtractFrom(SegmentAggregate sums, SegmentMember member) {
        move(sums, member, -1);
    }

    private static void move(SegmentAggregate a, SegmentMember m, int sign) {
        a.setCustomers(a.getCustomers() + sign);
        a.setRepeatCustomers(a.getRepeatCustomers() + (m.getRepeatCustomer() ? sign : 0));
        a.setOrders(a.getOrders() + sign * (long) m.getOrders());
        a.setNetCents(a.getNetCents() + sign * m.getNetCents());
        a.setHistoricCents(a.getHistoricCents() + sign * m.getHistoricCents());
        if (m.getFormulaCents() != null) {
            a.setFormulaCents(a.getFormulaCents() + sign * m.getFormulaCents());
            a.setFormulaCount(a.getFormulaCount() + sign);
        }
        if (m.getPredictedCents() != null) {
            a.setPredictedCents(a.getPredictedCents() + sign * m.getPredictedCents());
            a.setPredictedCount(a.getPredictedCount() + sign);
        }
        if (m.getCacCents() != null) {
            a.setCacCents(a.getCacCents() + sign * m.getCacCents());
            a.setCacCount(a.getCacCount() + sign);
            if (m.getFormulaCents() != null) {
                a.setPairFormulaCents(a.getPairFormulaCents() + sign * m.getFormulaCents());
                a.setPairCacCents(a.getPairCacCents() + sign * m.getCacCents());
            }
        }
        a.setFirstPurchaseSeconds(a.getFirstPurchaseSeconds() + sign * m.getFirstPurchaseSeconds());
        if (m.getPAliveChurned() != null) {
            a.setPAliveClassified(a.getPAliveClassified() + sign);
            a.setPAliveChurned(a.getPAliveChurned() + (m.getPAliveChurned() ? sign : 0));
        }
        // Also on subtract: a customer leaving the segment is a change of the segment as of then.
        a.setAsOf(Math.max(a.getAsOf(), m.getUpdatedAt()));
    }

    /** The sums of two disjoint sets of members (two partitions, or two segments); as of the later one. */
    public static SegmentAggregate plus(SegmentAggregate x, SegmentAggregate y) {
        return SegmentAggregate.newBuilder()
            .setCustomers(x.getCustomers() + y.getCustomers())
            .setRepeatCustomers(x.getRepeatCustomers() + y.getRepeatCustomers())
            .setOrders(x.getOrders() + y.getOrders())
            .setNetCents(x.getNetCents() + y.getNetCents())
            .setHistoricCents(x.getHistoricCents() + y.getHistoricCents())
            .setFormulaCents(x.getFormulaCents() + y.getFormulaCents())
            .setFormulaCount(x.getFormulaCount() + y.getFormulaCount())
            .setPredictedCents(x.getPredictedCents() + y.getPredictedCents())
            .setPredictedCount(x.getPredictedCount() + y.getPredictedCount())
            .setCacCents(x.getCacCents() + y.getCacCents())
            .setCacCount(x.getCacCount() + y.getCacCount())
            .setPairFormulaCents(x.getPairFormulaCents() + y.getPairFormulaCents())
            .setPairCacCents(x.getPairCacCents() + y.getPairCacCents())
            .setFirstPurchaseSeconds(x.getFirstPurchaseSeconds() + y.getFirstPurchaseSeconds())
            .setPAliveClassified(x.getPAliveClassified() + y.getPAliveClassified())
            .setPAliveChurned(x.getPAliveChurned() + y.getPAliveChurned())
            .setDaysClassified(x.getDaysClassified() + y.getDaysClassified())
            .setDaysChurned(x.getDaysChurned() + y.getDaysChurned())
            .setAsOf(Math.max(x.getAsOf(), y.getAsOf()))
            .build();
    }

    /**
     * The epoch day before which a last purchase counts as churned under the no-purchase rule, as of
     * {@code asOfMs}: a purchase exactly {@code churnDays} days before the as-of day is churned.
     */
    public static int churnCutoffDay(long asOfMs, int churnDays) {
        return UtcCalendar.day(asOfMs) - churnDays + 1;
    }
}

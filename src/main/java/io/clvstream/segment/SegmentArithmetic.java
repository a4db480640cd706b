package io.clvstream.segment;

import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.customer.UtcCalendar;

/**
 * Moves a segment's sums by one member's contribution ({@link #add} the member's new value,
 * {@link #subtract} its old one) and adds up the sums of partitions ({@link #plus}). Only integer
 * sums, so add-then-subtract restores the aggregate exactly whatever the order of updates. Pure;
 * never changes its arguments.
 */
public final class SegmentArithmetic {

    /**
     * What {@link #plus} leaves any aggregate unchanged with: zero sums, and the earliest as-of time, so that even an
     * aggregate as of before 1970 keeps its own. Never changed: {@link #plus} builds a new aggregate.
     */
    private static final SegmentAggregate PLUS_IDENTITY = SegmentAggregate.newBuilder().setAsOf(Long.MIN_VALUE).build();

    private SegmentArithmetic() {
    }

    public static SegmentAggregate empty() {
        return SegmentAggregate.newBuilder().build();
    }

    public static SegmentAggregate add(SegmentMember member, SegmentAggregate aggregate) {
        final SegmentAggregate a = copy(aggregate);
        move(a, member, 1);
        return a;
    }

    public static SegmentAggregate subtract(SegmentMember member, SegmentAggregate aggregate) {
        final SegmentAggregate a = copy(aggregate);
        move(a, member, -1);
        return a;
    }

    /**
     * {@code aggregate} with {@code before}'s contribution replaced by {@code after}'s, both members of its
     * segment: what an updated customer does to its segment on every event, so with one copy, not two.
     */
    public static SegmentAggregate replace(SegmentMember before, SegmentMember after, SegmentAggregate aggregate) {
        final SegmentAggregate a = copy(aggregate);
        move(a, before, -1);
        move(a, after, 1);
        return a;
    }

    /** A copy through {@link #plus}: Avro's copying builder deep-copies field by field through the schema. */
    private static SegmentAggregate copy(SegmentAggregate aggregate) {
        return plus(aggregate, PLUS_IDENTITY);
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

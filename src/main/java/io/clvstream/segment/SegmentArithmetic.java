package io.clvstream.segment;

import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentMember;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Moves a segment's sums by one member's contribution: {@link #add} on the member's new value,
 * {@link #subtract} on its old one (the KTable groupBy adder and subtractor). Only integer sums,
 * so add-then-subtract restores the aggregate exactly whatever the order of updates. Pure.
 */
public final class SegmentArithmetic {

    private SegmentArithmetic() {
    }

    public static SegmentAggregate empty() {
        return SegmentAggregate.newBuilder().build();
    }

    public static SegmentAggregate add(SegmentMember member, SegmentAggregate aggregate) {
        return move(aggregate, member, 1);
    }

    public static SegmentAggregate subtract(SegmentMember member, SegmentAggregate aggregate) {
        return move(aggregate, member, -1);
    }

    private static SegmentAggregate move(SegmentAggregate aggregate, SegmentMember m, int sign) {
        // A copy: Streams may still hold the old aggregate to forward as the old value.
        final SegmentAggregate a = shallowCopy(aggregate);
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
        } else {
            moveDay(a, m.getLastPurchaseDay(), sign);
        }
        // Also on subtract: a customer leaving the segment is a change of the segment as of then.
        a.setAsOf(Math.max(a.getAsOf(), m.getUpdatedAt()));
        return a;
    }

    /**
     * A copy that shares the day lists with the original instead of deep-copying them (a builder copy
     * did, per update, and the lists hold one entry per distinct last-purchase day): safe because
     * {@link #moveDay} never changes a list, it always sets new ones.
     */
    private static SegmentAggregate shallowCopy(SegmentAggregate aggregate) {
        final SegmentAggregate copy = new SegmentAggregate();
        final int fields = SegmentAggregate.getClassSchema().getFields().size();
        for (int i = 0; i < fields; i++) {
            copy.put(i, aggregate.get(i));
        }
        return copy;
    }

    /** Keeps (day, count) pairs sorted by day, dropping a day whose count reaches zero. */
    private static void moveDay(SegmentAggregate a, int day, int sign) {
        final List<Integer> days = new ArrayList<>(a.getLastPurchaseDays());
        final List<Long> counts = new ArrayList<>(a.getLastPurchaseCounts());
        final int at = Collections.binarySearch(days, day);
        if (at >= 0) {
            final long count = counts.get(at) + sign;
            if (count == 0) {
                days.remove(at);
                counts.remove(at);
            } else {
                counts.set(at, count);
            }
        } else {
            days.add(-at - 1, day);
            counts.add(-at - 1, (long) sign);
        }
        a.setLastPurchaseDays(days);
        a.setLastPurchaseCounts(counts);
    }

    /** Members classified by days whose last purchase is before {@code cutoffDay}. */
    static long lastPurchasedBefore(SegmentAggregate a, int cutoffDay) {
        long churned = 0;
        final List<Integer> days = a.getLastPurchaseDays();
        for (int i = 0; i < days.size() && days.get(i) < cutoffDay; i++) {
            churned += a.getLastPurchaseCounts().get(i);
        }
        return churned;
    }

    /** Members classified by days. */
    static long classifiedByDays(SegmentAggregate a) {
        long total = 0;
        for (final long count : a.getLastPurchaseCounts()) {
            total += count;
        }
        return total;
    }
}

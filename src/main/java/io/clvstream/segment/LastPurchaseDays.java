package io.clvstream.segment;

import io.clvstream.avro.internal.SegmentMember;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per segment, how many members whose churn is decided by days last purchased on each day: what the
 * no-purchase churn rule needs as of any time, without anything in the segment's sums that grows with
 * history. A member whose P(alive) decides its churn is not in it. Held in memory by the customer task,
 * which rebuilds it from its members on start.
 */
public final class LastPurchaseDays {

    /** Members decided by days, and of them those churned, as of one time. */
    public record Counts(long classified, long churned) {
    }

    private final Map<String, TreeMap<Integer, Long>> bySegment = new HashMap<>();

    /** Moves {@code before}'s entry to {@code after}'s; either may be null (a member joins or leaves). */
    public void move(SegmentMember before, SegmentMember after) {
        if (decidedByDays(before) && decidedByDays(after) && before.getSegment().equals(after.getSegment())
            && before.getLastPurchaseDay() == after.getLastPurchaseDay()) {
            return;
        }
        if (decidedByDays(before)) {
            add(before, -1);
        }
        if (decidedByDays(after)) {
            add(after, 1);
        }
    }

    /** The segment's counts with churn cut off at {@code cutoffDay}: a last purchase before it is churned. */
    public Counts counts(String segment, int cutoffDay) {
        final TreeMap<Integer, Long> days = bySegment.get(segment);
        if (days == null) {
            return new Counts(0, 0);
        }
        long classified = 0;
        long churned = 0;
        for (final Map.Entry<Integer, Long> entry : days.entrySet()) {
            classified += entry.getValue();
            if (entry.getKey() < cutoffDay) {
                churned += entry.getValue();
            }
        }
        return new Counts(classified, churned);
    }

    private static boolean decidedByDays(SegmentMember member) {
        return member != null && member.getPAliveChurned() == null;
    }

    private void add(SegmentMember member, long sign) {
        final TreeMap<Integer, Long> days = bySegment.computeIfAbsent(member.getSegment(), segment -> new TreeMap<>());
        final long count = days.getOrDefault(member.getLastPurchaseDay(), 0L) + sign;
        if (count == 0) {
            days.remove(member.getLastPurchaseDay());
        } else {
            days.put(member.getLastPurchaseDay(), count);
        }
    }
}

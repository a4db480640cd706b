package io.clvstream.segment;

import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentMember;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One customer partition's share of every segment: the running sums per segment (in key order, the order
 * partials are published in) and the {@link LastPurchaseDays} histogram, both moved by each member's old
 * and new contribution. A pure function of the members, so whoever scans a partition's customer states
 * can build it. Not thread safe.
 */
public final class SegmentShares {

    private final SortedMap<String, SegmentAggregate> sums = new TreeMap<>();
    private final LastPurchaseDays days = new LastPurchaseDays();
    private long members;

    /** Adds the member a customer state holds (a start's scan); null, a customer with none, adds nothing. */
    public void add(SegmentMember member) {
        if (member != null) {
            move(null, member);
            members++;
        }
    }

    /** Replaces {@code before}'s contribution by {@code after}'s; either may be null (a member joins or leaves). */
    public void move(SegmentMember before, SegmentMember after) {
        if (before != null) {
            SegmentArithmetic.subtractFrom(segment(before.getSegment()), before);
        }
        if (after != null) {
            SegmentArithmetic.addTo(segment(after.getSegment()), after);
        }
        days.move(before, after);
    }

    /** The segment's sums, created empty for a segment not seen yet (e.g. one published before a restart). */
    public SegmentAggregate segment(String segment) {
        return sums.computeIfAbsent(segment, s -> SegmentArithmetic.empty());
    }

    /** Every segment's sums, in key order; live (changes with the shares). */
    public SortedMap<String, SegmentAggregate> sums() {
        return sums;
    }

    /** The segment's days-classified and churned members with churn cut off at {@code cutoffDay}. */
    public LastPurchaseDays.Counts dayCounts(String segment, int cutoffDay) {
        return days.counts(segment, cutoffDay);
    }

    /** How many members {@link #add} added. */
    public long members() {
        return members;
    }
}

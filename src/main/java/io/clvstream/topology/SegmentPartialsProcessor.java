package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentChange;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.avro.internal.SegmentPartial;
import io.clvstream.segment.ClvDistribution;
import io.clvstream.segment.SegmentArithmetic;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentsConfig;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * This customer partition's share of every segment, kept in the same task as the customers, so a
 * customer's change costs a few cached store updates and no trip through a topic.
 *
 * <p>Per {@link SegmentChange} (the customer processor keeps each customer's contribution in its
 * state and sends the old and the new one): the old member is subtracted from its segment's sums and
 * the new one added (store {@code segment-partials}); a
 * member whose churn is decided by days moves between entries of its segment's last-purchase-day
 * histogram ({@code segment-last-purchase-days}), which keeps the sums free of anything that grows
 * with history. Every {@code clv.segments.publish-interval} the partials of the segments that
 * changed, and of {@code *} (the sum of this partition's segments), are forwarded keyed by
 * segment, their churned counts taken from the histogram as of each segment's as-of time. Every
 * {@code clv.segments.sketch.interval} a scan of the members (in {@code customer-state}) rebuilds the CLV sketches (KLL cannot
 * delete, so a sketch is only ever built from current values) and brings every segment up to the
 * current time, so churn and exposure move while a segment is quiet.
 */
final class SegmentPartialsProcessor implements Processor<String, SegmentChange, String, SegmentPartial> {

    /** Counts of one segment's histogram as of a time: days-classified members, and those churned. */
    private record DayCounts(long asOf, long classified, long churned) {
    }

    private final SegmentsConfig config;
    private final SegmentMembers memberOf;
    private final PunctuationType punctuation;
    private final Set<String> changed = new HashSet<>();
    private final Map<String, DayCounts> counted = new HashMap<>();
    /** What segment-partials holds, kept deserialized: the few hot keys are read on every event. */
    private final Map<String, SegmentAggregate> current = new HashMap<>();
    private boolean publishedAll;
    private ProcessorContext<String, SegmentPartial> context;
    private KeyValueStore<String, CustomerState> customers;
    private KeyValueStore<String, SegmentAggregate> partials;
    private KeyValueStore<Bytes, Long> days;

    SegmentPartialsProcessor(SegmentsConfig config, PunctuationType punctuation) {
        this.config = config;
        this.memberOf = new SegmentMembers(config);
        this.punctuation = punctuation;
    }

    @Override
    public void init(ProcessorContext<String, SegmentPartial> context) {
        this.context = context;
        this.customers = context.getStateStore(ClvTopology.CUSTOMER_STATE_STORE);
        this.partials = context.getStateStore(SegmentStatsTopology.PARTIALS_STORE);
        this.days = context.getStateStore(SegmentStatsTopology.DAYS_STORE);
        // A revived task (exactly-once abort) re-inits this same instance over restored stores: forget what
        // the aborted transaction left in memory.
        current.clear();
        counted.clear();
        changed.clear();
        publishedAll = false;
        context.schedule(config.publishInterval(), punctuation, now -> publish(changedSegments(), null, now));
        context.schedule(config.sketchInterval(), punctuation, this::refresh);
    }

    @Override
    public void process(Record<String, SegmentChange> record) {
        final SegmentMember before = record.value().getBefore();
        final SegmentMember after = record.value().getAfter();
        if (before != null && after != null && before.getSegment().equals(after.getSegment())) {
            update(after.getSegment(), SegmentArithmetic.replace(before, after, sums(after.getSegment())));
        } else {
            if (before != null) {
                update(before.getSegment(), SegmentArithmetic.subtract(before, sums(before.getSegment())));
            }
            if (after != null) {
                update(after.getSegment(), SegmentArithmetic.add(after, sums(after.getSegment())));
            }
        }
        if (!Objects.equals(dayEntry(before), dayEntry(after))) {
            moveDay(before, -1);
            moveDay(after, 1);
        }
    }

    private SegmentAggregate sums(String segment) {
        final SegmentAggregate sums = current.computeIfAbsent(segment, partials::get);
        return sums == null ? SegmentArithmetic.empty() : sums;
    }

    /** {@code sums} is never changed afterwards (the arithmetic returns new aggregates), so it can be shared. */
    private void update(String segment, SegmentAggregate sums) {
        partials.put(segment, sums);
        current.put(segment, sums);
        changed.add(segment);
    }

    /** The histogram entry a member occupies, or null when P(alive) decides its churn. */
    private static Bytes dayEntry(SegmentMember member) {
        return member == null || member.getPAliveChurned() != null
            ? null : LastPurchaseDayKeys.key(member.getSegment(), member.getLastPurchaseDay());
    }

    private void moveDay(SegmentMember member, int sign) {
        final Bytes key = dayEntry(member);
        if (key == null) {
            return;
        }
        final Long count = days.get(key);
        final long moved = (count == null ? 0 : count) + sign;
        if (moved == 0) {
            days.delete(key);
        } else {
            days.put(key, moved);
        }
    }

    /** After a restart every segment is published once: what changed before it may not have been. */
    private Set<String> changedSegments() {
        if (!publishedAll) {
            publishedAll = true;
            return allSegments();
        }
        return changed;
    }

    private Set<String> allSegments() {
        final Set<String> all = new HashSet<>();
        try (KeyValueIterator<String, SegmentAggregate> entries = partials.all()) {
            entries.forEachRemaining(entry -> all.add(entry.key));
        }
        return all;
    }

    /** Brings every segment to {@code now}, rebuilds the sketches and publishes everything with them. */
    private void refresh(long now) {
        final Map<String, ClvDistribution> sketches = new TreeMap<>();
        final ClvDistribution base = ClvDistribution.empty(config.sketchK());
        try (KeyValueIterator<String, CustomerState> all = customers.all()) {
            while (all.hasNext()) {
                final SegmentMember member = all.next().value.getSegmentMember();
                final Double clv = member == null ? null : memberOf.sketchedClv(member);
                if (clv != null) {
                    sketches.computeIfAbsent(member.getSegment(), s -> ClvDistribution.empty(config.sketchK())).add(clv);
                    base.add(clv);
                }
            }
        }
        for (final String segment : allSegments()) {
            final SegmentAggregate sums = partials.get(segment);
            if (sums.getAsOf() < now) {
                sums.setAsOf(now);
                partials.put(segment, sums);
                current.put(segment, sums);
            }
            // A segment with no CLV left here still gets an (empty) sketch, so its old one stops counting.
            sketches.putIfAbsent(segment, ClvDistribution.empty(config.sketchK()));
        }
        sketches.put(SegmentMembers.ALL, base);
        publishedAll = true;
        publish(sketches.keySet(), sketches, now);
    }

    /** Forwards the partials of {@code segments} and of {@code *}, with the sketches when given. */
    private void publish(Set<String> segments, Map<String, ClvDistribution> sketches, long now) {
        if (segments.isEmpty()) {
            return;
        }
        final int partition = context.taskId().partition();
        SegmentAggregate base = SegmentArithmetic.empty();
        try (KeyValueIterator<String, SegmentAggregate> entries = partials.all()) {
            while (entries.hasNext()) {
                final KeyValue<String, SegmentAggregate> entry = entries.next();
                final SegmentAggregate sums = withDayCounts(entry.key, entry.value);
                base = SegmentArithmetic.plus(base, sums);
                if (segments.contains(entry.key)) {
                    forward(entry.key, new SegmentPartial(partition, sums, sketch(sketches, entry.key)), now);
                }
            }
        }
        forward(SegmentMembers.ALL, new SegmentPartial(partition, base, sketch(sketches, SegmentMembers.ALL)), now);
        changed.clear();
    }

    private void forward(String segment, SegmentPartial partial, long now) {
        context.forward(new Record<>(segment, partial, Math.max(now, partial.getSums().getAsOf())));
    }

    private static ByteBuffer sketch(Map<String, ClvDistribution> sketches, String segment) {
        return sketches == null || !sketches.containsKey(segment) ? null : ByteBuffer.wrap(sketches.get(segment).toBytes());
    }

    /** {@code sums} with the days-classified and churned counts as of its as-of time (cached until the segment changes). */
    private SegmentAggregate withDayCounts(String segment, SegmentAggregate sums) {
        DayCounts counts = counted.get(segment);
        if (counts == null || counts.asOf() != sums.getAsOf() || changed.contains(segment)) {
            counts = count(segment, sums.getAsOf());
            counted.put(segment, counts);
        }
        sums.setDaysClassified(counts.classified());
        sums.setDaysChurned(counts.churned());
        return sums;
    }

    private DayCounts count(String segment, long asOf) {
        final int cutoff = SegmentArithmetic.churnCutoffDay(asOf, config.churnDays());
        long classified = 0;
        long churned = 0;
        try (KeyValueIterator<Bytes, Long> entries = days.range(LastPurchaseDayKeys.first(segment), LastPurchaseDayKeys.last(segment))) {
            while (entries.hasNext()) {
                final KeyValue<Bytes, Long> entry = entries.next();
                classified += entry.value;
                if (LastPurchaseDayKeys.day(entry.key) < cutoff) {
                    churned += entry.value;
                }
            }
        }
        return new DayCounts(asOf, classified, churned);
    }
}

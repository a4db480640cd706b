package io.clvstream.topology;

import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentChange;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.avro.internal.SegmentPartial;
import io.clvstream.segment.ClvDistribution;
import io.clvstream.segment.LastPurchaseDays;
import io.clvstream.segment.SegmentArithmetic;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentShares;
import io.clvstream.segment.SegmentsConfig;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This customer partition's share of every segment, kept in the same task as the customers, so a
 * customer's change costs an update in memory and no trip through a topic or store.
 *
 * <p>The shares are a function of the members the customers' states hold ({@code segmentMember} in
 * {@code customer-state}), so the task keeps them in memory and rebuilds them from that store when it
 * starts (and when a task revived after an aborted transaction re-inits this processor): they are
 * always exactly the sums over the restored states, whatever was lost with the task. The customer
 * processor's start scan builds them and hands them over ({@link StartScans}), so a start reads the
 * customers once. Per
 * {@link SegmentChange} (the customer processor sends each customer's old and new contribution) the old
 * member is subtracted from its segment's sums and the new one added, and a member whose churn is
 * decided by days moves between entries of its segment's {@link LastPurchaseDays} histogram, which keeps
 * the sums free of anything that grows with history. Every {@code clv.segments.publish-interval} the
 * partials of the segments that changed, and of {@code *} (the sum of this partition's segments), are
 * forwarded keyed by segment, their churned counts taken from the histogram as of each segment's as-of
 * time, and recorded in {@code segment-partials}: the published partials, read only on start, so a
 * segment whose last member left is still published (empty) and no as-of time goes back behind what was
 * published. Every {@code clv.segments.sketch.interval} a scan of the members rebuilds the CLV sketches
 * (KLL cannot delete, so a sketch is only ever built from current values) and brings every segment up to
 * the current time, so churn and exposure move while a segment is quiet.
 */
final class SegmentPartialsProcessor implements Processor<String, SegmentChange, String, SegmentPartial> {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentPartialsProcessor.class);

    /** Counts of one segment's histogram as of a time: days-classified members, and those churned. */
    private record DayCounts(long asOf, LastPurchaseDays.Counts counts) {
    }

    private final SegmentsConfig config;
    private final SegmentMembers memberOf;
    private final PunctuationType punctuation;
    private final StartScans startScans;
    private final Set<String> changed = new HashSet<>();
    private final Map<String, DayCounts> counted = new HashMap<>();
    private SegmentShares shares = new SegmentShares();
    private boolean publishedAll;
    private ProcessorContext<String, SegmentPartial> context;
    private KeyValueStore<String, CustomerState> customers;
    private KeyValueStore<String, SegmentAggregate> published;

    SegmentPartialsProcessor(SegmentsConfig config, PunctuationType punctuation, StartScans startScans) {
        this.config = config;
        this.memberOf = new SegmentMembers(config);
        this.punctuation = punctuation;
        this.startScans = startScans;
    }

    @Override
    public void init(ProcessorContext<String, SegmentPartial> context) {
        this.context = context;
        this.customers = context.getStateStore(ClvTopology.CUSTOMER_STATE_STORE);
        this.published = context.getStateStore(SegmentStatsTopology.PARTIALS_STORE);
        counted.clear();
        changed.clear();
        publishedAll = false;
        rebuild();
        context.schedule(config.publishInterval(), punctuation, now -> publish(changedSegments(), null, now));
        context.schedule(config.sketchInterval(), punctuation, this::refresh);
    }

    /**
     * The sums and histogram over the members in {@code customer-state}, as the customer processor's start
     * scan built them or else from a scan of its own, and every segment published before.
     */
    private void rebuild() {
        final long start = System.nanoTime();
        final SegmentShares scanned = startScans.take(context.taskId());
        if (scanned != null) {
            shares = scanned;
        } else {
            shares = new SegmentShares();
            CustomerStates.forEach(customers, (customerId, state) -> shares.add(state.getSegmentMember()));
        }
        try (KeyValueIterator<String, SegmentAggregate> all = published.all()) {
            while (all.hasNext()) {
                final KeyValue<String, SegmentAggregate> last = all.next();
                final SegmentAggregate current = shares.segment(last.key);
                current.setAsOf(Math.max(current.getAsOf(), last.value.getAsOf()));
            }
        }
        LOG.info("Task {}: segment shares of {} members in {} ms ({})", context.taskId(), shares.members(),
            (System.nanoTime() - start) / 1_000_000,
            scanned != null ? "from the customer processor's start scan" : "own scan of customer-state");
    }

    /** Hands every member held in {@code customer-state} to {@code action}. */
    private void forEachMember(Consumer<SegmentMember> action) {
        CustomerStates.forEach(customers, (customerId, state) -> {
            if (state.getSegmentMember() != null) {
                action.accept(state.getSegmentMember());
            }
        });
    }

    @Override
    public void process(Record<String, SegmentChange> record) {
        final SegmentMember before = record.value().getBefore();
        final SegmentMember after = record.value().getAfter();
        shares.move(before, after);
        if (before != null) {
            changed.add(before.getSegment());
        }
        if (after != null) {
            changed.add(after.getSegment());
        }
    }

    /** After a restart every segment is published once: what changed before it may not have been. */
    private Set<String> changedSegments() {
        if (!publishedAll) {
            publishedAll = true;
            return shares.sums().keySet();
        }
        return changed;
    }

    /** Brings every segment to {@code now}, rebuilds the sketches and publishes everything with them. */
    private void refresh(long now) {
        final Map<String, ClvDistribution> sketches = new TreeMap<>();
        final ClvDistribution base = ClvDistribution.empty(config.sketchK());
        forEachMember(member -> {
            final Double clv = memberOf.sketchedClv(member);
            if (clv != null) {
                sketches.computeIfAbsent(member.getSegment(), s -> ClvDistribution.empty(config.sketchK())).add(clv);
                base.add(clv);
            }
        });
        for (final Map.Entry<String, SegmentAggregate> segment : shares.sums().entrySet()) {
            segment.getValue().setAsOf(Math.max(segment.getValue().getAsOf(), now));
            // A segment with no CLV left here still gets an (empty) sketch, so its old one stops counting.
            sketches.putIfAbsent(segment.getKey(), ClvDistribution.empty(config.sketchK()));
        }
        sketches.put(SegmentMembers.ALL, base);
        publishedAll = true;
        publish(sketches.keySet(), sketches, now);
    }

    /** Forwards and records the partials of {@code segments} and forwards that of {@code *}, with the sketches when given. */
    private void publish(Set<String> segments, Map<String, ClvDistribution> sketches, long now) {
        if (segments.isEmpty()) {
            return;
        }
        final int partition = context.taskId().partition();
        SegmentAggregate base = SegmentArithmetic.empty();
        for (final Map.Entry<String, SegmentAggregate> entry : shares.sums().entrySet()) {
            final SegmentAggregate segment = withDayCounts(entry.getKey(), entry.getValue());
            base = SegmentArithmetic.plus(base, segment);
            if (segments.contains(entry.getKey())) {
                forward(entry.getKey(), new SegmentPartial(partition, segment, sketch(sketches, entry.getKey())), now);
                published.put(entry.getKey(), segment);
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
            counts = new DayCounts(sums.getAsOf(),
                shares.dayCounts(segment, SegmentArithmetic.churnCutoffDay(sums.getAsOf(), config.churnDays())));
            counted.put(segment, counts);
        }
        sums.setDaysClassified(counts.counts().classified());
        sums.setDaysChurned(counts.counts().churned());
        return sums;
    }
}

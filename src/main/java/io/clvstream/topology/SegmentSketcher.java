package io.clvstream.topology;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.internal.PartitionSketch;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.segment.ClvDistribution;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentsConfig;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Every {@code clv.segments.sketch.interval}, rebuilds this partition's CLV sketch of each segment
 * (and of {@code *}) from the current members and forwards it keyed by segment. Rebuilding from
 * the latest values is what makes a sketch that cannot delete correct when a customer's CLV
 * changes; the cost is one scan of this partition's members per interval. Records passing
 * through are ignored: the table upstream already holds them.
 */
final class SegmentSketcher implements Processor<String, CustomerValue, String, PartitionSketch> {

    private final SegmentsConfig config;
    private final PunctuationType punctuation;
    private Set<String> lastEmitted = new HashSet<>();
    private ProcessorContext<String, PartitionSketch> context;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<SegmentMember>> members;

    SegmentSketcher(SegmentsConfig config, PunctuationType punctuation) {
        this.config = config;
        this.punctuation = punctuation;
    }

    @Override
    public void init(ProcessorContext<String, PartitionSketch> context) {
        this.context = context;
        this.members = context.getStateStore(SegmentStatsTopology.MEMBERS_STORE);
        context.schedule(config.sketchInterval(), punctuation, this::snapshot);
    }

    @Override
    public void process(Record<String, CustomerValue> record) {
        // Nothing per record: sketches are rebuilt by the punctuator.
    }

    private void snapshot(long now) {
        final Map<String, ClvDistribution> sketches = new TreeMap<>();
        sketches.put(SegmentMembers.ALL, ClvDistribution.empty(config.sketchK()));
        try (KeyValueIterator<String, ValueAndTimestamp<SegmentMember>> all = members.all()) {
            while (all.hasNext()) {
                final KeyValue<String, ValueAndTimestamp<SegmentMember>> entry = all.next();
                final SegmentMember member = entry.value.value();
                final ClvDistribution segment =
                    sketches.computeIfAbsent(member.getSegment(), s -> ClvDistribution.empty(config.sketchK()));
                final Double clv = SegmentMembers.sketchedClv(member);
                if (clv != null) {
                    segment.add(clv);
                    sketches.get(SegmentMembers.ALL).add(clv);
                }
            }
        }
        // A segment that emptied on this partition gets an empty sketch, so its old one stops counting.
        for (final String gone : lastEmitted) {
            sketches.putIfAbsent(gone, ClvDistribution.empty(config.sketchK()));
        }
        final int partition = context.taskId().partition();
        for (final Map.Entry<String, ClvDistribution> entry : sketches.entrySet()) {
            context.forward(new Record<>(entry.getKey(),
                new PartitionSketch(partition, now, ByteBuffer.wrap(entry.getValue().toBytes())), now));
        }
        lastEmitted = new HashSet<>(sketches.keySet());
        lastEmitted.removeIf(segment -> sketches.get(segment).count() == 0);
    }
}

package io.clvstream.topology;

import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.internal.SegmentPartial;
import io.clvstream.avro.internal.SegmentPartitions;
import io.clvstream.segment.SegmentPartials;
import io.clvstream.segment.SegmentsConfig;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the latest partial of each customer partition per segment and publishes the segment's figures over all of them. */
final class SegmentStatsMerger implements Processor<String, SegmentPartial, String, SegmentStats> {

    private final SegmentsConfig config;
    private ProcessorContext<String, SegmentStats> context;
    private KeyValueStore<String, SegmentPartitions> partitions;

    SegmentStatsMerger(SegmentsConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, SegmentStats> context) {
        this.context = context;
        this.partitions = context.getStateStore(SegmentStatsTopology.PARTITIONS_STORE);
    }

    @Override
    public void process(Record<String, SegmentPartial> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        final SegmentPartitions merged = SegmentPartials.replace(partitions.get(record.key()), record.value());
        partitions.put(record.key(), merged);
        context.forward(record.withValue(SegmentPartials.stats(record.key(), merged, config)));
    }
}

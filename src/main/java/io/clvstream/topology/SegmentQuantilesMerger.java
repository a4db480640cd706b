package io.clvstream.topology;

import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.internal.PartitionSketch;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentSketches;
import io.clvstream.segment.ClvQuantiles;
import io.clvstream.segment.SegmentFigures;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.segment.SketchBook;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the latest sketch per partition of each segment and republishes the segment's figures
 * when its merged quantiles move, so quantiles stay current in a segment whose sums are quiet.
 */
final class SegmentQuantilesMerger implements Processor<String, PartitionSketch, String, SegmentStats> {

    private final SegmentsConfig config;
    private final SegmentFigures figures;
    private final long maxAgeMs;
    private ProcessorContext<String, SegmentStats> context;
    private KeyValueStore<String, SegmentSketches> sketches;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<SegmentAggregate>> segments;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<SegmentAggregate>> base;

    SegmentQuantilesMerger(SegmentsConfig config) {
        this.config = config;
        this.figures = new SegmentFigures(config);
        // Three missed snapshots: a partition that stopped reporting has lost its members or its task.
        this.maxAgeMs = 3 * config.sketchInterval().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SegmentStats> context) {
        this.context = context;
        this.sketches = context.getStateStore(SegmentStatsTopology.SKETCHES_STORE);
        this.segments = context.getStateStore(SegmentStatsTopology.SEGMENT_AGGREGATES_STORE);
        this.base = context.getStateStore(SegmentStatsTopology.BASE_AGGREGATE_STORE);
    }

    @Override
    public void process(Record<String, PartitionSketch> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        final SegmentSketches before = sketches.get(record.key());
        final SegmentSketches after = SketchBook.replace(before, record.value(), maxAgeMs);
        sketches.put(record.key(), after);
        final ClvQuantiles quantiles = SketchBook.quantiles(after, config.sketchK());
        if (Objects.equals(quantiles, SketchBook.quantiles(before, config.sketchK()))) {
            return;
        }
        final ValueAndTimestamp<SegmentAggregate> aggregate =
            (SegmentMembers.ALL.equals(record.key()) ? base : segments).get(record.key());
        if (aggregate != null && aggregate.value() != null) {
            context.forward(new Record<>(record.key(), figures.stats(record.key(), aggregate.value(), quantiles),
                record.timestamp()));
        }
    }
}

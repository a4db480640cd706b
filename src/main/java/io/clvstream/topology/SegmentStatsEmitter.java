package io.clvstream.topology;

import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentSketches;
import io.clvstream.segment.SegmentFigures;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.segment.SketchBook;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Publishes a segment's figures whenever its sums change, with the latest merged CLV quantiles. */
final class SegmentStatsEmitter implements Processor<String, SegmentAggregate, String, SegmentStats> {

    private final SegmentsConfig config;
    private final SegmentFigures figures;
    private ProcessorContext<String, SegmentStats> context;
    private KeyValueStore<String, SegmentSketches> sketches;

    SegmentStatsEmitter(SegmentsConfig config) {
        this.config = config;
        this.figures = new SegmentFigures(config);
    }

    @Override
    public void init(ProcessorContext<String, SegmentStats> context) {
        this.context = context;
        this.sketches = context.getStateStore(SegmentStatsTopology.SKETCHES_STORE);
    }

    @Override
    public void process(Record<String, SegmentAggregate> record) {
        if (record.value() == null) {
            return;
        }
        final SegmentStats stats = figures.stats(record.key(), record.value(),
            SketchBook.quantiles(sketches.get(record.key()), config.sketchK()));
        context.forward(record.withValue(stats));
    }
}

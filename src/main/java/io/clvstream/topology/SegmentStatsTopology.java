package io.clvstream.topology;

import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentChange;
import io.clvstream.avro.internal.SegmentPartial;
import io.clvstream.avro.internal.SegmentPartitions;
import io.clvstream.config.TopicNames;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.TimeSource;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.serde.InternalAvroSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the segment statistics to a topology (see docs/segments.md).
 *
 * <pre>
 * (segment changes, in the customer task) -> segment-partials (shares in memory, rebuilt from customer-state;
 *   store segment-partials: the published shares) -> segment-partials (repartition, key segment)
 *   -> segment-stats-merge (segment-partitions) -> segment-stats-sink
 * </pre>
 *
 * <p>The customer task keeps its partition's share of every segment, moved by each customer's
 * old and new contribution, and publishes the shares of changed segments once per
 * {@code clv.segments.publish-interval}; the merger adds up the latest share of every partition.
 * So a customer's change costs an update in memory in its own task, and only a handful of records
 * per interval cross a topic or a store, however many events arrive. Under exactly-once the records
 * publishing the shares and the merged figures commit atomically with the customer states they come from.
 */
public final class SegmentStatsTopology {

    public static final String PARTIALS_STORE = "segment-partials";
    /** The processor the customer processor forwards segment changes to, by name. */
    static final String PARTIALS_PROCESSOR = "segment-partials";
    public static final String PARTITIONS_STORE = "segment-partitions";
    public static final String PARTIALS_REPARTITION = "segment-partials";

    private SegmentStatsTopology() {
    }

    /** Adds the segment-statistics nodes to {@code builder}, fed by the customer task's segment {@code changes}. */
    static void addTo(StreamsBuilder builder, KStream<String, SegmentChange> changes, Map<String, ?> config,
                      ClvSerdes serdes, StartScans startScans) {
        final TopicNames topics = TopicNames.from(config);
        final SegmentsConfig settings = SegmentsConfig.from(config);
        final PunctuationType punctuation = CustomerTopologyConfig.from(config).timeSource() == TimeSource.WALL_CLOCK
            ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME;
        final StateStores stores = StateStores.from(config);

        // Written once per publish interval and segment, read only when a task starts: nothing for a cache to save.
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(PARTIALS_STORE),
            Serdes.String(), new InternalAvroSerde<>(SegmentAggregate.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(PARTITIONS_STORE),
            Serdes.String(), new InternalAvroSerde<>(SegmentPartitions.class)));

        changes.process(() -> new SegmentPartialsProcessor(settings, punctuation, startScans), Named.as(PARTIALS_PROCESSOR),
                PARTIALS_STORE, ClvTopology.CUSTOMER_STATE_STORE)
            .repartition(Repartitioned.<String, SegmentPartial>as(PARTIALS_REPARTITION)
                .withKeySerde(Serdes.String()).withValueSerde(new InternalAvroSerde<>(SegmentPartial.class)))
            .process(() -> new SegmentStatsMerger(settings), Named.as("segment-stats-merge"), PARTITIONS_STORE)
            .to(topics.segmentStats(), Produced.with(serdes.outputKey(), serdes.segmentStats()).withName("segment-stats-sink"));
    }
}

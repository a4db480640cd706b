package io.clvstream.topology;

import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.internal.PartitionSketch;
import io.clvstream.avro.internal.SegmentAggregate;
import io.clvstream.avro.internal.SegmentMember;
import io.clvstream.avro.internal.SegmentSketches;
import io.clvstream.config.TopicNames;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.TimeSource;
import io.clvstream.segment.SegmentArithmetic;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.serde.InternalAvroSerde;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the segment statistics to a topology (see docs/segments.md).
 *
 * <pre>
 * clv.customer-values -> segment-values-source -> segment-member -> segment-members (table)
 *   -> groupBy segment (segment-members-by-segment) -> segment-aggregates --+
 *   -> groupBy "*"     (segment-members-by-base)    -> base-aggregate     --+-> segment-stats-emit -+
 *   segment-clv-sketcher (punctuator over segment-members)                                        +-> segment-stats-sink
 *     -> segment-clv-sketches (repartition) -> segment-quantiles-merge (segment-clv-sketches store) -+
 * </pre>
 *
 * <p>The members table is read back from {@code clv.customer-values}, the compacted topic whose
 * latest record per customer is by contract the customer's current value: the statistics are a
 * function of exactly what consumers see, and the customer processor needs no change. Under
 * exactly-once the source reads committed values only, and the table, both repartitions and both
 * aggregates commit atomically with it, so no change is counted twice or lost. The groupBy sends
 * the subtractor the customer's previous member (from the table's store) and the adder the new
 * one, each to its own segment: a customer whose signup moves them from {@code unknown} to
 * {@code vip} leaves the first and joins the second in one step.
 */
public final class SegmentStatsTopology {

    public static final String MEMBERS_STORE = "segment-members";
    public static final String SEGMENT_AGGREGATES_STORE = "segment-aggregates";
    public static final String BASE_AGGREGATE_STORE = "base-aggregate";
    public static final String SKETCHES_STORE = "segment-clv-sketches";
    public static final String BY_SEGMENT_REPARTITION = "segment-members-by-segment";
    public static final String BY_BASE_REPARTITION = "segment-members-by-base";
    public static final String SKETCHES_REPARTITION = "segment-clv-sketches";

    private SegmentStatsTopology() {
    }

    /** Adds the segment-statistics nodes to {@code builder}. */
    public static void addTo(StreamsBuilder builder, Map<String, ?> config, ClvSerdes serdes) {
        final TopicNames topics = TopicNames.from(config);
        final SegmentsConfig settings = SegmentsConfig.from(config);
        final PunctuationType punctuation = CustomerTopologyConfig.from(config).timeSource() == TimeSource.WALL_CLOCK
            ? PunctuationType.WALL_CLOCK_TIME : PunctuationType.STREAM_TIME;
        final SegmentMembers members = new SegmentMembers(settings);
        final StateStores stores = StateStores.from(config);
        final Serde<SegmentMember> memberSerde = new InternalAvroSerde<>(SegmentMember.class);
        final Serde<SegmentAggregate> aggregateSerde = new InternalAvroSerde<>(SegmentAggregate.class);

        builder.addStateStore(Stores.keyValueStoreBuilder(stores.keyValue(SKETCHES_STORE),
            Serdes.String(), new InternalAvroSerde<>(SegmentSketches.class)));

        final KStream<String, CustomerValue> values = builder.stream(topics.customerValues(),
            Consumed.with(serdes.outputKey(), serdes.customerValue()).withName("segment-values-source"));
        // A customer without a purchase maps to null, which the table takes as "not a member".
        final KTable<String, SegmentMember> table = values
            .mapValues(members::of, Named.as("segment-member"))
            .toTable(Named.as("segment-members-table"), Materialized.<String, SegmentMember>as(
                stores.keyValue(MEMBERS_STORE)).withKeySerde(Serdes.String()).withValueSerde(memberSerde));

        final KTable<String, SegmentAggregate> bySegment = aggregate(table, BY_SEGMENT_REPARTITION,
            stores, SEGMENT_AGGREGATES_STORE, SegmentMember::getSegment, memberSerde, aggregateSerde);
        final KTable<String, SegmentAggregate> base = aggregate(table, BY_BASE_REPARTITION,
            stores, BASE_AGGREGATE_STORE, member -> SegmentMembers.ALL, memberSerde, aggregateSerde);

        final KStream<String, SegmentStats> fromSums = bySegment.toStream(Named.as("segment-aggregate-changes"))
            .merge(base.toStream(Named.as("base-aggregate-changes")), Named.as("aggregate-changes-merge"))
            .process(() -> new SegmentStatsEmitter(settings), Named.as("segment-stats-emit"), SKETCHES_STORE);

        final KStream<String, SegmentStats> fromSketches = values
            .process(() -> new SegmentSketcher(settings, punctuation), Named.as("segment-clv-sketcher"), MEMBERS_STORE)
            .repartition(Repartitioned.<String, PartitionSketch>as(SKETCHES_REPARTITION)
                .withKeySerde(Serdes.String()).withValueSerde(new InternalAvroSerde<>(PartitionSketch.class)))
            .process(() -> new SegmentQuantilesMerger(settings), Named.as("segment-quantiles-merge"),
                SKETCHES_STORE, SEGMENT_AGGREGATES_STORE, BASE_AGGREGATE_STORE);

        fromSums.merge(fromSketches, Named.as("segment-stats-merge")).to(topics.segmentStats(),
            Produced.with(serdes.outputKey(), serdes.segmentStats()).withName("segment-stats-sink"));
    }

    private static KTable<String, SegmentAggregate> aggregate(KTable<String, SegmentMember> table, String repartition,
                                                              StateStores stores, String store, Function<SegmentMember, String> key,
                                                              Serde<SegmentMember> memberSerde,
                                                              Serde<SegmentAggregate> aggregateSerde) {
        return table
            .groupBy((customerId, member) -> KeyValue.pair(key.apply(member), member),
                Grouped.with(repartition, Serdes.String(), memberSerde))
            .aggregate(SegmentArithmetic::empty,
                (segment, member, sums) -> SegmentArithmetic.add(member, sums),
                (segment, member, sums) -> SegmentArithmetic.subtract(member, sums),
                Named.as(store + "-sums"),
                Materialized.<String, SegmentAggregate>as(stores.keyValue(store))
                    .withKeySerde(Serdes.String()).withValueSerde(aggregateSerde));
    }
}

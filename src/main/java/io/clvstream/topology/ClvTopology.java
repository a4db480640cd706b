package io.clvstream.topology;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.avro.internal.RfmSummary;
import io.clvstream.avro.internal.SegmentChange;
import io.clvstream.predict.ScoringModel;
import io.clvstream.config.TopicNames;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.EventNormalizer;
import io.clvstream.segment.SegmentMembers;
import io.clvstream.segment.SegmentsConfig;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.serde.InternalAvroSerde;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the clv-stream topology from configuration and serdes, without side effects.
 *
 * <pre>
 * purchases/refunds/signups (bytes) -> *-decode -> route-
 *   route-dead-letter -> decode-dead-letter-sink
 *   route-keyed (key == customerId) ---------------------------------------+
 *   route-mis-keyed -> key-by-customer -> events-by-customer (repartition) -+-> events-merge -> customer-processor -> emit-
 *     emit-customer-value / emit-tier-change / emit-alert / emit-dead-letter -> *-sink
 *     emit-segment-change -> segment-changes -> segment-partials -> ... (SegmentStatsTopology)
 *     emit-rfm-summary -> rfm-summaries (repartition, 1 partition) -> model-fitter -> model-params-sink
 * clv.model-params -> model-params-source -> model-params-updater -> model-params-store (global, read by
 *   customer-processor and model-fitter)
 * clv.segment-stats -> segment-stats-source -> segment-stats-updater -> segment-stats-store (global, read by
 *   customer-processor)
 * </pre>
 *
 * Correctly keyed records, the normal case, never cross a topic between input and state. Input
 * topics must be co-partitioned (same partition count, keys partitioned by the default
 * partitioner), since one task holds a customer's state for all three.
 */
public final class ClvTopology {

    public static final String CUSTOMER_STATE_STORE = "customer-state";
    public static final String DUE_INDEX_STORE = "tier-due-index";
    /** The one source node of the three input topics. */
    public static final String EVENTS_SOURCE = "events-source";
    public static final String EVENTS_REPARTITION = "events-by-customer";
    public static final String CUSTOMER_PROCESSOR = "customer-processor";
    /** Global store holding the latest {@code clv.model-params} record (as published bytes) under {@link #MODEL_PARAMS_KEY}. */
    public static final String MODEL_PARAMS_STORE = "model-params-store";
    public static final String MODEL_PARAMS_KEY = "current";
    /** Global store holding the latest {@code clv.segment-stats} record (as published bytes) per segment. */
    public static final String SEGMENT_STATS_STORE = "segment-stats-store";
    /** Repartition topic {@code <application.id>-rfm-summaries-repartition}, one partition: one fitter. */
    public static final String RFM_SUMMARIES_REPARTITION = "rfm-summaries";
    /** The fitter's latest summary per source partition. */
    public static final String RFM_SUMMARY_STORE = "rfm-summary-store";
    public static final String MODEL_FITTER = "model-fitter";

    private ClvTopology() {
    }

    public static Topology build(Map<String, ?> config, ClvSerdes serdes) {
        return build(config, serdes, new DeadLetterCounter());
    }

    /** As {@link #build(Map, ClvSerdes)}, counting dead letters in {@code deadLetters} (for metrics). */
    public static Topology build(Map<String, ?> config, ClvSerdes serdes, DeadLetterCounter deadLetters) {
        return build(config, serdes, deadLetters, ProcessingListener.NONE);
    }

    /**
     * As {@link #build(Map, ClvSerdes, DeadLetterCounter)}, also telling {@code listener} about processed
     * events and emitted tier changes and alerts (for metrics). The topology itself is the same.
     */
    public static Topology build(Map<String, ?> config, ClvSerdes serdes, DeadLetterCounter deadLetters,
                                 ProcessingListener listener) {
        final TopicNames topics = TopicNames.from(config);
        final CustomerTopologyConfig settings = CustomerTopologyConfig.from(config);
        final EventNormalizer normalizer = new EventNormalizer(settings);
        final StateStores stores = StateStores.from(config);
        final StreamsBuilder builder = new StreamsBuilder();
        final StartScans startScans = new StartScans();

        builder.addStateStore(Stores.keyValueStoreBuilder(
                stores.keyValue(CUSTOMER_STATE_STORE), Serdes.String(), new InternalAvroSerde<>(CustomerState.class))
            .withCachingEnabled());
        // Derived from customer-state and rebuilt by each task's start scan (DueIndex): a changelog would cost
        // two records per purchase (the old entry's tombstone, the new entry) for nothing a restore needs.
        builder.addStateStore(Stores.keyValueStoreBuilder(
            stores.keyValue(DUE_INDEX_STORE), Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
            stores.keyValue(RFM_SUMMARY_STORE), Serdes.String(), new InternalAvroSerde<>(RfmSummary.class)));

        final Map<String, DecodeProcessor.Input<?>> inputs = Map.of(
            topics.purchases(), new DecodeProcessor.Input<>(serdes.purchase().deserializer(), normalizer::purchase),
            topics.refunds(), new DecodeProcessor.Input<>(serdes.refund().deserializer(), normalizer::refund),
            topics.signups(), new DecodeProcessor.Input<>(serdes.signup().deserializer(), normalizer::signup));
        // One source and one decoder for the three topics: every processor node an event passes costs per event.
        final KStream<String, SpecificRecord> decoded = builder
            .stream(List.of(topics.purchases(), topics.refunds(), topics.signups()),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(EVENTS_SOURCE))
            .process(() -> new DecodeProcessor(inputs, deadLetters), Named.as("events-decode"));

        final Map<String, KStream<String, SpecificRecord>> routes = decoded.split(Named.as("route-"))
            .branch((key, value) -> value instanceof DeadLetter, Branched.as("dead-letter"))
            .branch((key, value) -> ((CustomerEvent) value).getCustomerId().equals(key), Branched.as("keyed"))
            .defaultBranch(Branched.as("mis-keyed"));
        routes.get("route-dead-letter").to(topics.deadLetter(),
            Produced.with(serdes.outputKey(), typed(DeadLetter.class, serdes.deadLetter())).withName("decode-dead-letter-sink"));

        final KStream<String, CustomerEvent> keyed = narrowed(routes.get("route-keyed"));
        // Only records with a null or wrong key pay for a trip through a topic.
        final KStream<String, CustomerEvent> rekeyed = routes.get("route-mis-keyed")
            .map((key, value) -> KeyValue.pair(((CustomerEvent) value).getCustomerId(), (CustomerEvent) value),
                Named.as("key-by-customer"))
            .repartition(Repartitioned.<String, CustomerEvent>as(EVENTS_REPARTITION)
                .withKeySerde(Serdes.String()).withValueSerde(new InternalAvroSerde<>(CustomerEvent.class)));

        keyed.merge(rekeyed, Named.as("events-merge"))
            .process(() -> customerProcessor(config, serdes, deadLetters, listener, startScans),
                Named.as(CUSTOMER_PROCESSOR),
                CUSTOMER_STATE_STORE, DUE_INDEX_STORE)
            .split(Named.as("emit-"))
            .branch((key, value) -> value instanceof CustomerValue, Branched.withConsumer(values -> values.to(
                topics.customerValues(), produced(serdes.outputKey(), "customer-values-sink", CustomerValue.class, serdes.customerValue())),
                "customer-value"))
            .branch((key, value) -> value instanceof SegmentChange, Branched.withConsumer(changes -> SegmentStatsTopology.addTo(
                builder, narrowed(changes), config, serdes, startScans),
                "segment-change"))
            .branch((key, value) -> value instanceof TierChange, Branched.withConsumer(changes -> changes.to(
                topics.tierChanges(), produced(serdes.outputKey(), "tier-changes-sink", TierChange.class, serdes.tierChange())), "tier-change"))
            .branch((key, value) -> value instanceof Alert, Branched.withConsumer(alerts -> alerts.to(
                topics.alerts(), produced(serdes.outputKey(), "alerts-sink", Alert.class, serdes.alert())), "alert"))
            .branch((key, value) -> value instanceof RfmSummary, Branched.withConsumer(summaries -> ClvTopology
                .<RfmSummary>narrowed(summaries)
                .repartition(Repartitioned.<String, RfmSummary>as(RFM_SUMMARIES_REPARTITION).withNumberOfPartitions(1)
                    .withKeySerde(Serdes.String()).withValueSerde(new InternalAvroSerde<>(RfmSummary.class)))
                .process(() -> new ModelFitter(settings.predict(), settings.timeSource(), new CurrentModel(
                        ScoringModel.prior(settings.predict()), serdes.modelParams().deserializer(), topics.modelParams()),
                        listener),
                    Named.as(MODEL_FITTER), RFM_SUMMARY_STORE)
                .to(topics.modelParams(), Produced.with(serdes.outputKey(), serdes.modelParams()).withName("model-params-sink")),
                "rfm-summary"))
            .defaultBranch(Branched.withConsumer(letters -> letters.to(
                topics.deadLetter(), produced(serdes.outputKey(), "customer-dead-letter-sink", DeadLetter.class, serdes.deadLetter())),
                "dead-letter"));
        final Topology topology = builder.build();
        // Every instance holds the whole (single-key) topic, so any task scores with the newest version. In memory:
        // it is one small record, restored from the compacted topic at start-up.
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(MODEL_PARAMS_STORE),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
            "model-params-source", serdes.outputKey().deserializer(), new ByteArrayDeserializer(), topics.modelParams(),
            "model-params-updater", () -> new PublishedRecordUpdater(MODEL_PARAMS_STORE));
        // Segment priors and the HIGH_VALUE top percent read the published figures the same way (a few keys).
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SEGMENT_STATS_STORE),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
            "segment-stats-source", serdes.outputKey().deserializer(), new ByteArrayDeserializer(), topics.segmentStats(),
            "segment-stats-updater", () -> new PublishedRecordUpdater(SEGMENT_STATS_STORE));
        return topology;
    }

    /** The customer processor of one task, as the topology wires it. */
    static CustomerProcessor customerProcessor(Map<String, ?> config, ClvSerdes serdes, DeadLetterCounter deadLetters,
                                               ProcessingListener listener, StartScans startScans) {
        final TopicNames topics = TopicNames.from(config);
        return new CustomerProcessor(CustomerTopologyConfig.from(config), deadLetters, listener,
            serdes.modelParams().deserializer(), topics.modelParams(), published -> new PublishedPopulation(published,
                serdes.segmentStats().deserializer(), topics.segmentStats(), config),
            new SegmentMembers(SegmentsConfig.from(config)), startScans);
    }

    /**
     * {@code stream} typed as the narrower type its branch predicate let through: unlike a casting
     * {@code mapValues}, no processor node that every record would pass.
     */
    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> KStream<String, V> narrowed(KStream<String, SpecificRecord> stream) {
        return (KStream<String, V>) (KStream<String, ? extends SpecificRecord>) stream;
    }

    private static <T extends SpecificRecord> Produced<String, SpecificRecord> produced(Serde<String> keySerde, String name,
                                                                                        Class<T> type, Serde<T> serde) {
        return Produced.with(keySerde, typed(type, serde)).withName(name);
    }

    /** A serde for a stream of {@link SpecificRecord}s that a branch predicate has narrowed to {@code type}. */
    private static <T extends SpecificRecord> Serde<SpecificRecord> typed(Class<T> type, Serde<T> serde) {
        return Serdes.serdeFrom(
            (topic, record) -> serde.serializer().serialize(topic, type.cast(record)),
            (topic, bytes) -> serde.deserializer().deserialize(topic, bytes));
    }
}

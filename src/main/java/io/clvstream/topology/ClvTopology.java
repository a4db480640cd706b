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
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
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
 * purchases/refunds/signups (bytes) -> events-source -> events-decode, which forwards each record to one child:
 *   dead letters -> decode-dead-letter-sink
 *   events keyed by their customerId ---------------------------------------+
 *   other events -> key-by-customer -> events-by-customer (repartition) ----+-> events-merge -> customer-processor,
 * which forwards each record to one child by its type:
 *   customer-values-sink / tier-changes-sink / alerts-sink / customer-dead-letter-sink
 *   segment-partials -> ... (SegmentStatsTopology)
 *   rfm-summaries (repartition, 1 partition) -> model-fitter -> model-params-sink
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
    /** Children of events-decode, each record forwarded to one of them by name ({@link #decodeChild}). */
    static final String DECODE_DEAD_LETTER_SINK = "decode-dead-letter-sink";
    static final String EVENTS_MERGE = "events-merge";
    static final String KEY_BY_CUSTOMER = "key-by-customer";
    /** Children of customer-processor besides segment-partials, each record forwarded to one by name ({@link #emitChild}). */
    static final String CUSTOMER_VALUES_SINK = "customer-values-sink";
    static final String TIER_CHANGES_SINK = "tier-changes-sink";
    static final String ALERTS_SINK = "alerts-sink";
    static final String CUSTOMER_DEAD_LETTER_SINK = "customer-dead-letter-sink";
    /** The first node of the summaries' repartition: the DSL puts a filter of null keys before its sink. */
    static final String RFM_SUMMARIES_REPARTITION_FILTER = "rfm-summaries-repartition-filter";
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
                stores.keyValue(CUSTOMER_STATE_STORE), Serdes.String(), CustomerStateFormat.serde(config))
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

        // The decoder and the customer processor forward each record by name to the one child node it is for
        // (decodeChild, emitChild): no split and branch nodes for every record to pass, and each sink sees one type.
        ClvTopology.<DeadLetter>narrowed(decoded).to(topics.deadLetter(),
            Produced.with(serdes.outputKey(), serdes.deadLetter()).withName(DECODE_DEAD_LETTER_SINK));
        final KStream<String, CustomerEvent> events = narrowed(decoded);
        // Only records with a null or wrong key pay for a trip through a topic.
        final KStream<String, CustomerEvent> rekeyed = events
            .map((key, event) -> KeyValue.pair(event.getCustomerId(), event), Named.as(KEY_BY_CUSTOMER))
            .repartition(Repartitioned.<String, CustomerEvent>as(EVENTS_REPARTITION)
                .withKeySerde(Serdes.String()).withValueSerde(new InternalAvroSerde<>(CustomerEvent.class)));

        final KStream<String, SpecificRecord> emitted = events.merge(rekeyed, Named.as(EVENTS_MERGE))
            .process(() -> customerProcessor(config, serdes, deadLetters, listener, startScans),
                Named.as(CUSTOMER_PROCESSOR),
                CUSTOMER_STATE_STORE, DUE_INDEX_STORE);
        ClvTopology.<CustomerValue>narrowed(emitted).to(topics.customerValues(),
            Produced.with(serdes.outputKey(), serdes.customerValue()).withName(CUSTOMER_VALUES_SINK));
        SegmentStatsTopology.addTo(builder, narrowed(emitted), config, serdes, startScans);
        ClvTopology.<TierChange>narrowed(emitted).to(topics.tierChanges(),
            Produced.with(serdes.outputKey(), serdes.tierChange()).withName(TIER_CHANGES_SINK));
        ClvTopology.<Alert>narrowed(emitted).to(topics.alerts(),
            Produced.with(serdes.outputKey(), serdes.alert()).withName(ALERTS_SINK));
        ClvTopology.<RfmSummary>narrowed(emitted)
            .repartition(Repartitioned.<String, RfmSummary>as(RFM_SUMMARIES_REPARTITION).withNumberOfPartitions(1)
                .withKeySerde(Serdes.String()).withValueSerde(new InternalAvroSerde<>(RfmSummary.class)))
            .process(() -> new ModelFitter(settings.predict(), settings.timeSource(), new CurrentModel(
                    ScoringModel.prior(settings.predict()), serdes.modelParams().deserializer(), topics.modelParams()),
                    listener),
                Named.as(MODEL_FITTER), RFM_SUMMARY_STORE)
            .to(topics.modelParams(), Produced.with(serdes.outputKey(), serdes.modelParams()).withName("model-params-sink"));
        ClvTopology.<DeadLetter>narrowed(emitted).to(topics.deadLetter(),
            Produced.with(serdes.outputKey(), serdes.deadLetter()).withName(CUSTOMER_DEAD_LETTER_SINK));
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
     * {@code stream} typed as the narrower type of the records its parent forwards to the node added next: unlike a
     * casting {@code mapValues}, no processor node that every record would pass.
     */
    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> KStream<String, V> narrowed(KStream<String, SpecificRecord> stream) {
        return (KStream<String, V>) (KStream<String, ? extends SpecificRecord>) stream;
    }

    /**
     * The child of events-decode that {@code value} is for: a dead letter goes to its sink, an event to the customer
     * processor, through the repartition topic when {@code key} is not its customer id.
     */
    static String decodeChild(String key, SpecificRecord value) {
        if (value instanceof CustomerEvent event) {
            return event.getCustomerId().equals(key) ? EVENTS_MERGE : KEY_BY_CUSTOMER;
        }
        return DECODE_DEAD_LETTER_SINK;
    }

    /** The child of customer-processor that an emitted {@code value} is for, by its type. */
    static String emitChild(SpecificRecord value) {
        if (value instanceof CustomerValue) {
            return CUSTOMER_VALUES_SINK;
        }
        if (value instanceof SegmentChange) {
            return SegmentStatsTopology.PARTIALS_PROCESSOR;
        }
        if (value instanceof TierChange) {
            return TIER_CHANGES_SINK;
        }
        if (value instanceof Alert) {
            return ALERTS_SINK;
        }
        if (value instanceof RfmSummary) {
            return RFM_SUMMARIES_REPARTITION_FILTER;
        }
        if (value instanceof DeadLetter) {
            return CUSTOMER_DEAD_LETTER_SINK;
        }
        throw new IllegalArgumentException("The customer processor emits no " + value.getClass().getName());
    }
}

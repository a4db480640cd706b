package io.clvstream.topology;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.TierChange;
import io.clvstream.avro.internal.CustomerEvent;
import io.clvstream.avro.internal.CustomerState;
import io.clvstream.config.TopicNames;
import io.clvstream.customer.CustomerTopologyConfig;
import io.clvstream.customer.EventNormalizer;
import io.clvstream.serde.ClvSerdes;
import io.clvstream.serde.InternalAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
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
 * </pre>
 *
 * Correctly keyed records, the normal case, never cross a topic between input and state. Input
 * topics must be co-partitioned (same partition count, keys partitioned by the default
 * partitioner), since one task holds a customer's state for all three.
 */
public final class ClvTopology {

    public static final String CUSTOMER_STATE_STORE = "customer-state";
    public static final String DUE_INDEX_STORE = "tier-due-index";
    public static final String EVENTS_REPARTITION = "events-by-customer";
    public static final String CUSTOMER_PROCESSOR = "customer-processor";

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
        final StreamsBuilder builder = new StreamsBuilder();

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CUSTOMER_STATE_STORE), Serdes.String(), new InternalAvroSerde<>(CustomerState.class))
            .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DUE_INDEX_STORE), Serdes.Bytes(), Serdes.ByteArray()));

        final KStream<String, SpecificRecord> decoded =
            decode(builder, topics.purchases(), "purchases", serdes.purchase().deserializer(), normalizer::purchase, deadLetters)
                .merge(decode(builder, topics.refunds(), "refunds", serdes.refund().deserializer(), normalizer::refund, deadLetters),
                    Named.as("refunds-merge"))
                .merge(decode(builder, topics.signups(), "signups", serdes.signup().deserializer(), normalizer::signup, deadLetters),
                    Named.as("signups-merge"));

        final Map<String, KStream<String, SpecificRecord>> routes = decoded.split(Named.as("route-"))
            .branch((key, value) -> value instanceof DeadLetter, Branched.as("dead-letter"))
            .branch((key, value) -> ((CustomerEvent) value).getCustomerId().equals(key), Branched.as("keyed"))
            .defaultBranch(Branched.as("mis-keyed"));
        routes.get("route-dead-letter").to(topics.deadLetter(),
            Produced.with(Serdes.String(), typed(DeadLetter.class, serdes.deadLetter())).withName("decode-dead-letter-sink"));

        final KStream<String, CustomerEvent> keyed =
            routes.get("route-keyed").mapValues(value -> (CustomerEvent) value, Named.as("keyed-events"));
        // Only records with a null or wrong key pay for a trip through a topic.
        final KStream<String, CustomerEvent> rekeyed = routes.get("route-mis-keyed")
            .map((key, value) -> KeyValue.pair(((CustomerEvent) value).getCustomerId(), (CustomerEvent) value),
                Named.as("key-by-customer"))
            .repartition(Repartitioned.<String, CustomerEvent>as(EVENTS_REPARTITION)
                .withKeySerde(Serdes.String()).withValueSerde(new InternalAvroSerde<>(CustomerEvent.class)));

        keyed.merge(rekeyed, Named.as("events-merge"))
            .process(() -> new CustomerProcessor(settings, deadLetters, listener), Named.as(CUSTOMER_PROCESSOR),
                CUSTOMER_STATE_STORE, DUE_INDEX_STORE)
            .split(Named.as("emit-"))
            .branch((key, value) -> value instanceof CustomerValue, Branched.withConsumer(values -> values.to(
                topics.customerValues(), produced("customer-values-sink", CustomerValue.class, serdes.customerValue())),
                "customer-value"))
            .branch((key, value) -> value instanceof TierChange, Branched.withConsumer(changes -> changes.to(
                topics.tierChanges(), produced("tier-changes-sink", TierChange.class, serdes.tierChange())), "tier-change"))
            .branch((key, value) -> value instanceof Alert, Branched.withConsumer(alerts -> alerts.to(
                topics.alerts(), produced("alerts-sink", Alert.class, serdes.alert())), "alert"))
            .defaultBranch(Branched.withConsumer(letters -> letters.to(
                topics.deadLetter(), produced("customer-dead-letter-sink", DeadLetter.class, serdes.deadLetter())),
                "dead-letter"));
        SegmentStatsTopology.addTo(builder, config, serdes);
        return builder.build();
    }

    private static <T> KStream<String, SpecificRecord> decode(StreamsBuilder builder, String topic, String role,
                                                              Deserializer<T> deserializer,
                                                              DecodeProcessor.Normalizer<T> normalizer,
                                                              DeadLetterCounter deadLetters) {
        return builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(role + "-source"))
            .process(() -> new DecodeProcessor<>(deserializer, normalizer, deadLetters), Named.as(role + "-decode"));
    }

    private static <T extends SpecificRecord> Produced<String, SpecificRecord> produced(String name, Class<T> type,
                                                                                        Serde<T> serde) {
        return Produced.with(Serdes.String(), typed(type, serde)).withName(name);
    }

    /** A serde for a stream of {@link SpecificRecord}s that a branch predicate has narrowed to {@code type}. */
    private static <T extends SpecificRecord> Serde<SpecificRecord> typed(Class<T> type, Serde<T> serde) {
        return Serdes.serdeFrom(
            (topic, record) -> serde.serializer().serialize(topic, type.cast(record)),
            (topic, bytes) -> serde.deserializer().deserialize(topic, bytes));
    }
}

package io.clvstream.serde;

import io.clvstream.avro.Alert;
import io.clvstream.avro.CustomerSignup;
import io.clvstream.avro.CustomerValue;
import io.clvstream.avro.DeadLetter;
import io.clvstream.avro.ModelParams;
import io.clvstream.avro.Purchase;
import io.clvstream.avro.Refund;
import io.clvstream.avro.SegmentStats;
import io.clvstream.avro.TierChange;
import io.clvstream.registry.SchemaRegistryClient;
import io.clvstream.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The output key serde and one value serde per record of DESIGN.md, all bound to the same registry client. Built once from
 * the registry settings and injected into topology builders (never static singletons).
 */
public record ClvSerdes(
    Serde<String> outputKey,
    SpecificAvroSerde<Purchase> purchase,
    SpecificAvroSerde<Refund> refund,
    SpecificAvroSerde<CustomerSignup> signup,
    SpecificAvroSerde<CustomerValue> customerValue,
    SpecificAvroSerde<TierChange> tierChange,
    SpecificAvroSerde<Alert> alert,
    SpecificAvroSerde<SegmentStats> segmentStats,
    SpecificAvroSerde<ModelParams> modelParams,
    SpecificAvroSerde<DeadLetter> deadLetter) {

    /** {@code string} (default) or {@code avro}: how the keys of output topics are written. */
    public static final String OUTPUT_KEY_FORMAT = "clv.output.key-format";

    /** Serdes for the registry named by {@code schema.registry.url} in {@code configs}. */
    public static ClvSerdes create(Map<String, ?> configs) {
        return create(SchemaRegistryClients.create(configs), configs);
    }

    public static ClvSerdes create(SchemaRegistryClient registry, Map<String, ?> configs) {
        return new ClvSerdes(
            outputKey(registry, configs),
            value(Purchase.class, registry, configs),
            value(Refund.class, registry, configs),
            value(CustomerSignup.class, registry, configs),
            value(CustomerValue.class, registry, configs),
            value(TierChange.class, registry, configs),
            value(Alert.class, registry, configs),
            value(SegmentStats.class, registry, configs),
            value(ModelParams.class, registry, configs),
            value(DeadLetter.class, registry, configs));
    }

    /**
     * Keys of the output topics: plain UTF-8 (DESIGN.md) unless {@value #OUTPUT_KEY_FORMAT} is {@code avro},
     * for consumers that decode keys as Avro too (confluent-kafka's legacy Python AvroConsumer).
     */
    private static Serde<String> outputKey(SchemaRegistryClient registry, Map<String, ?> configs) {
        final Object format = configs.get(OUTPUT_KEY_FORMAT);
        if (format == null || "string".equalsIgnoreCase(format.toString().trim())) {
            return Serdes.String();
        }
        if ("avro".equalsIgnoreCase(format.toString().trim())) {
            return new AvroStringKeySerde(registry, configs);
        }
        throw new IllegalArgumentException(OUTPUT_KEY_FORMAT + " must be 'string' or 'avro', not '" + format + "'");
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> value(
        Class<T> type, SchemaRegistryClient registry, Map<String, ?> configs) {
        return new SpecificAvroSerde<>(type, registry, configs, false);
    }
}

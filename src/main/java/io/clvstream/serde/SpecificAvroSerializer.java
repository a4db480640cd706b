package io.clvstream.serde;

import io.clvstream.registry.RegistryClientConfig;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaRegistryClient;
import io.clvstream.registry.SchemaRegistryClients;
import io.clvstream.serde.codec.SpecificRecordCodec;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in Schema Registry wire format under the TopicNameStrategy subject
 * ({@code <topic>-key} / {@code <topic>-value}), honouring {@code auto.register.schemas} and
 * {@code use.latest.version} like Confluent's KafkaAvroSerializer.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private static final byte[] NO_HEADER = new byte[0];

    private final Map<String, Target<T>> targetsByTopic = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private RegistryClientConfig config;
    private boolean isKey;

    /**
     * How a topic's records are written: the framing header (magic byte, schema id), the record's own writer and,
     * when the registered schema is another one ({@code use.latest.version}), the reader that resolves a record
     * into it and the writer of that schema. The record's own writer is the compiled {@link SpecificRecordCodec}
     * when the record is written as is (Avro's specific writer spent most of a CustomerValue on dispatch). Generic
     * data without conversions for the rewrite: logical types stay in their raw form (long, bytes), which is all
     * it needs; a specific reader would build this build's class, whose fields are not the other schema's.
     */
    private record Target<T>(byte[] header, DatumWriter<T> writer, GenericDatumReader<Object> resolver,
                             GenericDatumWriter<Object> rewriter) {

        static <T> Target<T> of(int id, Schema recordSchema, Schema registered) {
            if (registered.equals(recordSchema)) {
                return new Target<>(WireFormat.header(id),
                    SpecificRecordCodec.writerOr(recordSchema, () -> new SpecificDatumWriter<>(recordSchema)), null, null);
            }
            return new Target<>(WireFormat.header(id), new SpecificDatumWriter<>(recordSchema),
                new GenericDatumReader<>(recordSchema, registered, GenericData.get()),
                new GenericDatumWriter<>(registered, GenericData.get()));
        }

        byte[] encode(T record) throws IOException {
            if (resolver == null) {
                return AvroEncoding.encode(header, writer, record);
            }
            final byte[] body = AvroEncoding.encode(NO_HEADER, writer, record);
            return AvroEncoding.encode(header, rewriter, resolver.read(null, DecoderFactory.get().binaryDecoder(body, null)));
        }
    }

    public SpecificAvroSerializer() {
    }

    /** For callers that already hold a client (tests, tools). */
    public SpecificAvroSerializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        this.registry = registry;
        this.config = RegistryClientConfig.from(configs);
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = RegistryClientConfig.from(configs);
        this.registry = SchemaRegistryClients.create(configs);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            // Null stays null so tombstones keep their meaning on compacted topics.
            return null;
        }
        try {
            // Looked up by topic, not by subject: no string built per record. One class, one schema per serializer.
            return targetsByTopic.computeIfAbsent(topic, t -> target(t, record.getSchema())).encode(record);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Error serializing Avro record for subject " + subject(topic) + ": " + e.getMessage(), e);
        }
    }

    private Target<T> target(String topic, Schema schema) {
        final String subject = subject(topic);
        if (config.useLatestVersion()) {
            final RegisteredSchema latest = registry.getLatest(subject);
            return Target.of(latest.id(), schema, latest.schema());
        }
        final int id = config.autoRegisterSchemas() ? registry.register(subject, schema) : registry.getId(subject, schema);
        return Target.of(id, schema, schema);
    }

    private String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }
}

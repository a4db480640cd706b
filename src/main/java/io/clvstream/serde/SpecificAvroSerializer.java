package io.clvstream.serde;

import io.clvstream.registry.RegistryClientConfig;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaRegistryClient;
import io.clvstream.registry.SchemaRegistryClients;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
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

    private final Map<String, Target> targetsByTopic = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private RegistryClientConfig config;
    private boolean isKey;

    /** Where a topic's records go: the framing header (magic byte, schema id) and the schema to write. */
    private record Target(byte[] header, Schema schema) {
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
        final Schema schema = record.getSchema();
        try {
            // Looked up by topic, not by subject: no string built per record. One class, one schema per serializer.
            final Target target = targetsByTopic.computeIfAbsent(topic, t -> target(t, schema));
            final SpecificDatumWriter<T> writer = writers.computeIfAbsent(schema, SpecificDatumWriter::new);
            if (target.schema().equals(schema)) {
                return AvroEncoding.encode(target.header(), writer, record);
            }
            return AvroEncoding.encode(target.header(), new GenericDatumWriter<>(target.schema(), GenericData.get()),
                rewrite(record, writer, schema, target.schema()));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Error serializing Avro record for subject " + subject(topic) + ": " + e.getMessage(), e);
        }
    }

    private Target target(String topic, Schema schema) {
        final String subject = subject(topic);
        if (config.useLatestVersion()) {
            final RegisteredSchema latest = registry.getLatest(subject);
            return new Target(WireFormat.header(latest.id()), latest.schema());
        }
        final int id = config.autoRegisterSchemas() ? registry.register(subject, schema) : registry.getId(subject, schema);
        return new Target(WireFormat.header(id), schema);
    }

    private String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    /**
     * {@code record} as a generic datum of schema {@code to}, by Avro's by-name resolution rules. Generic data
     * without conversions: logical types stay in their raw form (long, bytes), which is all a rewrite needs; a
     * specific reader would build this build's class, whose fields are not the other schema's.
     */
    private Object rewrite(T record, SpecificDatumWriter<T> writer, Schema from, Schema to) throws IOException {
        final byte[] body = AvroEncoding.encode(new byte[0], writer, record);
        return new GenericDatumReader<>(from, to, GenericData.get()).read(null, DecoderFactory.get().binaryDecoder(body, null));
    }
}

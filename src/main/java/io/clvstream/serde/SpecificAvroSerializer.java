package io.clvstream.serde;

import io.clvstream.registry.RegistryClientConfig;
import io.clvstream.registry.RegisteredSchema;
import io.clvstream.registry.SchemaRegistryClient;
import io.clvstream.registry.SchemaRegistryClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
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

    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private RegistryClientConfig config;
    private boolean isKey;

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
        final String subject = topic + (isKey ? "-key" : "-value");
        final Schema schema = record.getSchema();
        try {
            if (config.useLatestVersion()) {
                final RegisteredSchema latest = latestBySubject.computeIfAbsent(subject, registry::getLatest);
                return WireFormat.frame(latest.id(), latest.schema().equals(schema)
                    ? encode(record, new SpecificDatumWriter<>(schema))
                    : rewrite(encode(record, new SpecificDatumWriter<>(schema)), schema, latest.schema()));
            }
            final int id = idsBySubject.computeIfAbsent(subject, s -> config.autoRegisterSchemas()
                ? registry.register(s, schema) : registry.getId(s, schema));
            return WireFormat.frame(id, encode(record, new SpecificDatumWriter<>(schema)));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Error serializing Avro record for subject " + subject + ": " + e.getMessage(), e);
        }
    }

    private <D> byte[] encode(D datum, DatumWriter<D> writer) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
        encoders.set(encoder);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Re-encodes {@code body} from schema {@code from} into {@code to} by Avro's by-name resolution rules. */
    private byte[] rewrite(byte[] body, Schema from, Schema to) throws IOException {
        final Object resolved = new GenericDatumReader<>(from, to, new SpecificData())
            .read(null, DecoderFactory.get().binaryDecoder(body, null));
        return encode(resolved, new GenericDatumWriter<>(to));
    }
}

package io.clvstream.serde;

import io.clvstream.registry.RegistryClientConfig;
import io.clvstream.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * String keys as an Avro {@code "string"} in Schema Registry wire format (subject {@code <topic>-key}).
 * Only for consumers that insist on Avro keys, such as confluent-kafka's legacy Python
 * {@code AvroConsumer}; DESIGN.md's default is plain UTF-8 keys.
 */
public final class AvroStringKeySerde implements Serde<String> {

    private static final Schema STRING = Schema.create(Schema.Type.STRING);

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();

    public AvroStringKeySerde(SchemaRegistryClient registry, Map<String, ?> configs) {
        this.registry = registry;
        this.autoRegister = RegistryClientConfig.from(configs).autoRegisterSchemas();
    }

    @Override
    public Serializer<String> serializer() {
        return (topic, key) -> key == null ? null : WireFormat.frame(id(topic), encode(key));
    }

    @Override
    public Deserializer<String> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
    }

    private int id(String topic) {
        return idsByTopic.computeIfAbsent(topic, t -> autoRegister
            ? registry.register(t + "-key", STRING) : registry.getId(t + "-key", STRING));
    }

    private static byte[] encode(String key) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(key.length() + 2);
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            encoder.writeString(key);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("Cannot encode key as Avro string", e);
        }
    }

    private String decode(String topic, byte[] bytes) {
        final int id = WireFormat.schemaId(bytes);
        if (registry.getById(id).getType() != Schema.Type.STRING) {
            throw new WireFormatException(WireFormatException.Reason.WRONG_RECORD_TYPE,
                "Key on " + topic + " was written with schema " + id + ", not an Avro string");
        }
        try {
            final BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
            return decoder.readString();
        } catch (IOException e) {
            throw new WireFormatException(WireFormatException.Reason.MALFORMED_AVRO, "Cannot decode Avro string key on " + topic, e);
        }
    }
}

package io.clvstream.serde;

import io.clvstream.registry.RegistryClientConfig;
import io.clvstream.registry.SchemaRegistryClient;
import io.clvstream.registry.SchemaRegistryClients;
import io.clvstream.registry.SchemaRegistryException;
import io.clvstream.serde.codec.SpecificRecordCodec;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Schema Registry wire format into a specific record class: the writer schema comes from the
 * registry by id (cached), the reader schema is the class's own, and Avro's resolution rules bridge
 * the two; a body written with the class's own schema has nothing to resolve and is read by the
 * compiled {@link SpecificRecordCodec}. Every failure is a {@link WireFormatException} with a stable
 * reason, so the topology can dead-letter it with a readable message instead of killing the stream thread.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Class<T> type;
    private final Schema readerSchema;
    private final Map<Integer, DatumReader<T>> readersById = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    private SchemaRegistryClient registry;

    public SpecificAvroDeserializer(Class<T> type) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this(type);
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistryClientConfig.from(configs);
        this.registry = SchemaRegistryClients.create(configs);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        final int id = WireFormat.schemaId(data);
        final DatumReader<T> reader = readersById.computeIfAbsent(id, this::readerFor);
        try {
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, decoders.get());
            decoders.set(decoder);
            final T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new WireFormatException(WireFormatException.Reason.MALFORMED_AVRO,
                    "Trailing bytes after the Avro body of schema " + id + " on topic " + topic);
            }
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException wfe) {
                throw wfe;
            }
            throw new WireFormatException(WireFormatException.Reason.MALFORMED_AVRO,
                "Cannot decode Avro body with schema " + id + " as " + type.getSimpleName() + " on topic " + topic
                    + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    private DatumReader<T> readerFor(int id) {
        final Schema writer;
        try {
            writer = registry.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new WireFormatException(WireFormatException.Reason.UNKNOWN_SCHEMA_ID,
                    "Schema id " + id + " is not known to the registry", e);
            }
            throw new WireFormatException(WireFormatException.Reason.REGISTRY_UNAVAILABLE,
                "Registry could not return schema id " + id + ": " + e.getMessage(), e);
        }
        if (!writer.getType().equals(Schema.Type.RECORD) || !writer.getFullName().equals(readerSchema.getFullName())
            && !writer.getAliases().contains(readerSchema.getFullName())) {
            throw new WireFormatException(WireFormatException.Reason.WRONG_RECORD_TYPE,
                "Record was written as " + writer.getFullName() + " (schema " + id + "), expected " + readerSchema.getFullName());
        }
        try {
            final Supplier<DatumReader<T>> resolving = () -> new SpecificDatumReader<>(writer, readerSchema);
            return writer.equals(readerSchema) ? SpecificRecordCodec.readerOr(readerSchema, resolving) : resolving.get();
        } catch (AvroTypeException e) {
            throw new WireFormatException(WireFormatException.Reason.WRONG_RECORD_TYPE,
                "Schema " + id + " cannot be read as " + readerSchema.getFullName() + ": " + e.getMessage(), e);
        }
    }
}

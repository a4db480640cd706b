package io.clvstream.serde;

import io.clvstream.serde.codec.SpecificRecordCodec;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Raw Avro for state stores and internal topics that only this application reads: one format
 * byte, then the Avro binary body, no registry round trip and no 4-byte schema id. The format
 * byte is the hook for evolving the schema: a new layout gets a new byte and the old writer
 * schema is kept to resolve old bytes (a changelog restore reads state written by older
 * versions).
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    public static final byte FORMAT_V1 = 1;
    private static final byte[] HEADER = {FORMAT_V1};

    private final Class<T> type;
    private final SpecificDatumWriter<T> writer;
    private final DatumReader<T> reader;
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    /**
     * Avro's generated per-class encoders ("custom coders") write instead of its schema-walking writer: the state
     * store writes one CustomerState per event, and the generic path was most of the processor's time
     * (docs/performance.md); being straight-line code, they also write about twice as fast as the compiled codec.
     * Reading goes through the compiled {@link SpecificRecordCodec}, as the generated decoders walk Avro's resolving
     * grammar although writer and reader schema are the same; they stay the reader of a schema it does not compile
     * (with the fast reader off, which would bypass them). Same bytes and records either way.
     */
    private static final SpecificData CODED = codedSpecificData();

    public InternalAvroSerde(Class<T> type) {
        final Schema schema = SpecificData.get().getSchema(type);
        this.type = type;
        this.writer = new SpecificDatumWriter<>(schema, CODED);
        this.reader = SpecificRecordCodec.readerOr(schema, () -> new SpecificDatumReader<>(schema, schema, CODED));
    }

    private static SpecificData codedSpecificData() {
        final SpecificData data = new SpecificData(InternalAvroSerde.class.getClassLoader());
        data.setCustomCoders(true);
        data.setFastReaderEnabled(false);
        return data;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        try {
            return AvroEncoding.encode(HEADER, writer, record);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0 || data[0] != FORMAT_V1) {
            throw new SerializationException("Unknown format byte for internal " + type.getSimpleName()
                + (data.length == 0 ? ": empty" : ": " + data[0]));
        }
        try {
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, 1, data.length - 1, decoders.get());
            decoders.set(decoder);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode internal " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the schema is the class's own.
    }

    @Override
    public void close() {
        // Nothing to release: no registry client, encoders are thread-local.
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}

package io.clvstream.serde;

import io.clvstream.serde.codec.SpecificRecordCodec;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
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
 * byte is the hook for evolving the schema: a schema declares its format in the property
 * {@value #FORMAT_PROPERTY} (1 when absent), a layout that old bytes cannot be resolved into gets
 * the next number, and an {@link EarlierFormat} per earlier format reads old bytes (a changelog
 * restore copies state written by older versions into the store as it was written, so old bytes are
 * read long after the upgrade; each is written back in the current format when it next changes).
 * During a rolling upgrade the serde can write an earlier format, which instances still on the
 * version before can read.
 */
public final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** The schema property that holds the format byte of a type. */
    public static final String FORMAT_PROPERTY = "clvFormat";

    /** An earlier format of the type: how to read its bodies into the current record and to write them. */
    public interface EarlierFormat<T> {
        T read(byte[] data, int offset, int length) throws IOException;

        DatumWriter<T> writer();
    }

    private final Class<T> type;
    private final byte format;
    private final byte[] header;
    private final Map<Byte, EarlierFormat<T>> earlier;
    private final DatumWriter<T> writer;
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
        this(type, Map.of(), format(SpecificData.get().getSchema(type)));
    }

    /**
     * A serde that also reads the bytes of the formats in {@code earlier} and writes {@code writeFormat}: the
     * schema's own format or one of {@code earlier}.
     */
    public InternalAvroSerde(Class<T> type, Map<Byte, EarlierFormat<T>> earlier, byte writeFormat) {
        final Schema schema = SpecificData.get().getSchema(type);
        this.type = type;
        this.format = format(schema);
        this.earlier = Map.copyOf(earlier);
        this.header = new byte[] {writeFormat};
        if (writeFormat == format) {
            this.writer = new SpecificDatumWriter<>(schema, CODED);
        } else if (earlier.containsKey(writeFormat)) {
            this.writer = earlier.get(writeFormat).writer();
        } else {
            throw new IllegalArgumentException(type.getSimpleName() + " has no format " + writeFormat + " to write");
        }
        this.reader = SpecificRecordCodec.readerOr(schema, () -> new SpecificDatumReader<>(schema, schema, CODED));
    }

    /** The format byte {@code schema} declares in {@value #FORMAT_PROPERTY}, 1 when it declares none. */
    public static byte format(Schema schema) {
        final Object declared = schema.getObjectProp(FORMAT_PROPERTY);
        return declared == null ? 1 : ((Number) declared).byteValue();
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
            return AvroEncoding.encode(header, writer, record);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        final EarlierFormat<T> old = data.length == 0 || data[0] == format ? null : earlier.get(data[0]);
        if (data.length == 0 || data[0] != format && old == null) {
            throw new SerializationException("Unknown format byte for internal " + type.getSimpleName()
                + (data.length == 0 ? ": empty" : ": " + data[0] + " (this version writes " + format + ")"));
        }
        try {
            if (old != null) {
                return old.read(data, 1, data.length - 1);
            }
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

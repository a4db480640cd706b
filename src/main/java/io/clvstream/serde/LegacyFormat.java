package io.clvstream.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads state bytes of an earlier format, whose writer schema is kept as a classpath resource (from
 * {@code schemas/legacy}), into the current record: Avro's schema resolution reads the old body (fields the
 * current schema no longer has are skipped, fields it added take their defaults), and {@code carry} moves what
 * resolution cannot, a field whose type changed, from the same body read as a generic record of the old schema.
 * It runs once per old record, so it reads the body twice rather than walking the schemas itself.
 */
public final class LegacyFormat<T extends SpecificRecord> implements InternalAvroSerde.Migration<T> {

    private final DatumReader<T> resolving;
    private final DatumReader<GenericRecord> old;
    private final BiConsumer<GenericRecord, T> carry;

    private LegacyFormat(Schema writer, Schema reader, BiConsumer<GenericRecord, T> carry) {
        this.resolving = new SpecificDatumReader<>(writer, reader, new SpecificData(LegacyFormat.class.getClassLoader()));
        this.old = new GenericDatumReader<>(writer);
        this.carry = carry;
    }

    /**
     * @param resource the old writer schema's classpath resource, e.g. {@code schemas/legacy/CustomerState-v1.avsc}
     * @throws IllegalStateException when the resource is missing or its schema cannot be resolved into {@code type}'s
     */
    public static <T extends SpecificRecord> LegacyFormat<T> of(Class<T> type, String resource,
                                                                BiConsumer<GenericRecord, T> carry) {
        try (InputStream in = LegacyFormat.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Writer schema of an earlier format missing from the classpath: " + resource);
            }
            final Schema writer = new Schema.Parser().parse(in);
            final Schema reader = SpecificData.get().getSchema(type);
            final SchemaCompatibility.SchemaPairCompatibility resolution =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            if (resolution.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new IllegalStateException(resource + " cannot be resolved into " + type.getSimpleName() + ": "
                    + resolution.getDescription());
            }
            return new LegacyFormat<>(writer, reader, carry);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @Override
    public T read(byte[] data, int offset, int length) throws IOException {
        final T current = resolving.read(null, DecoderFactory.get().binaryDecoder(data, offset, length, null));
        carry.accept(old.read(null, DecoderFactory.get().binaryDecoder(data, offset, length, null)), current);
        return current;
    }
}

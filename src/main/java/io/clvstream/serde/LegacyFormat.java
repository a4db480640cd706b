package io.clvstream.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * An earlier format whose writer schema is kept as a classpath resource (from {@code schemas/legacy}).
 * Reading: Avro's schema resolution reads the old body into the current record (fields the current schema no
 * longer has are skipped, fields it added take their defaults), and {@code carry} moves what resolution cannot, a
 * field whose type changed, from the same body read as a generic record of the old schema. Writing, for a rolling
 * upgrade: the fields both schemas have with the same schema are copied by name into a record of the old schema
 * and {@code back} sets the others. It runs once per old record, so it reads a body twice rather than walking the schemas itself.
 */
public final class LegacyFormat<T extends SpecificRecord> implements InternalAvroSerde.EarlierFormat<T> {

    private final Schema old;
    /** Pairs of positions (old, current) of the fields the two schemas have alike. */
    private final int[][] alike;
    private final DatumReader<T> resolving;
    private final DatumReader<GenericRecord> oldReader;
    private final DatumWriter<GenericRecord> oldWriter;
    private final BiConsumer<GenericRecord, T> carry;
    private final BiConsumer<T, GenericRecord> back;

    private LegacyFormat(Schema old, Schema current, BiConsumer<GenericRecord, T> carry, BiConsumer<T, GenericRecord> back) {
        this.old = old;
        this.alike = old.getFields().stream()
            .filter(field -> field.schema().equals(schemaOf(current, field.name())))
            .map(field -> new int[] {field.pos(), current.getField(field.name()).pos()})
            .toArray(int[][]::new);
        this.resolving = new SpecificDatumReader<>(old, current, new SpecificData(LegacyFormat.class.getClassLoader()));
        this.oldReader = new GenericDatumReader<>(old);
        // The current class's own model, so values of logical types are written through its conversions.
        this.oldWriter = new GenericDatumWriter<>(old, SpecificData.getForSchema(current));
        this.carry = carry;
        this.back = back;
    }

    /**
     * @param resource the old writer schema's classpath resource, e.g. {@code schemas/legacy/CustomerState-v1.avsc}
     * @param carry    sets the fields of a current record that resolution leaves at their defaults
     * @param back     sets the fields of an old record that the current schema does not have
     * @throws IllegalStateException when the resource is missing or its schema cannot be resolved into {@code type}'s
     */
    public static <T extends SpecificRecord> LegacyFormat<T> of(Class<T> type, String resource,
                                                                BiConsumer<GenericRecord, T> carry,
                                                                BiConsumer<T, GenericRecord> back) {
        try (InputStream in = LegacyFormat.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Writer schema of an earlier format missing from the classpath: " + resource);
            }
            final Schema old = new Schema.Parser().parse(in);
            final Schema current = SpecificData.get().getSchema(type);
            final SchemaCompatibility.SchemaPairCompatibility resolution =
                SchemaCompatibility.checkReaderWriterCompatibility(current, old);
            if (resolution.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new IllegalStateException(resource + " cannot be resolved into " + type.getSimpleName() + ": "
                    + resolution.getDescription());
            }
            return new LegacyFormat<>(old, current, carry, back);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @Override
    public T read(byte[] data, int offset, int length) throws IOException {
        final T record = resolving.read(null, DecoderFactory.get().binaryDecoder(data, offset, length, null));
        carry.accept(oldReader.read(null, DecoderFactory.get().binaryDecoder(data, offset, length, null)), record);
        return record;
    }

    @Override
    public DatumWriter<T> writer() {
        return new DatumWriter<>() {
            @Override
            public void setSchema(Schema schema) {
                // Always the old schema: this writer exists to write it.
            }

            @Override
            public void write(T datum, Encoder out) throws IOException {
                oldWriter.write(toOld(datum), out);
            }
        };
    }

    private GenericRecord toOld(T datum) {
        final GenericRecord record = new GenericData.Record(old);
        for (final int[] positions : alike) {
            record.put(positions[0], datum.get(positions[1]));
        }
        back.accept(datum, record);
        return record;
    }

    private static Schema schemaOf(Schema record, String field) {
        final Schema.Field same = record.getField(field);
        return same == null ? null : same.schema();
    }
}

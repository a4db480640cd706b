package io.clvstream.serde.codec;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the Avro binary body of a generated specific record whose writer schema is its own, through a
 * tree of per-field codecs compiled once from the schema: no {@code ResolvingDecoder} grammar (which the generated
 * decoders go through even when nothing needs resolving) and no per-value {@code GenericData} dispatch (union
 * resolution, conversion lookup, field access by name). Bytes and records are the same as those of
 * {@code SpecificDatumWriter} and {@code SpecificDatumReader} with the class's own {@link SpecificData}.
 *
 * <p>Drives the plain {@link Encoder}/{@link Decoder} calls, in the order and with the array protocol Avro's
 * writer uses, for Avro's binary encoders and decoders. A writer schema other than the record's own needs Avro's
 * resolving reader; a schema that does not compile (see {@link CodecCompiler}) keeps Avro's reader and writer.
 */
public final class SpecificRecordCodec<T> implements DatumReader<T>, DatumWriter<T> {

    private static final Logger log = LoggerFactory.getLogger(SpecificRecordCodec.class);

    private final Schema schema;
    private final ValueCodec record;

    private SpecificRecordCodec(Schema schema, ValueCodec record) {
        this.schema = schema;
        this.record = record;
    }

    /**
     * The codec of the generated class of record {@code schema}, or empty, with the reason logged, when the schema
     * has what the compiler does not support; then the caller keeps Avro's own reader and writer.
     */
    public static <T> Optional<SpecificRecordCodec<T>> compile(Schema schema) {
        try {
            final ValueCodec record = new CodecCompiler(SpecificData.getForSchema(schema)).compileRecord(schema);
            return Optional.of(new SpecificRecordCodec<>(schema, record));
        } catch (CodecCompiler.UnsupportedSchemaException e) {
            log.info("{} keeps Avro's reader and writer: {}", schema.getFullName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The compiled codec of record {@code schema} as a reader, or {@code otherwise} where it does not compile. */
    public static <T> DatumReader<T> readerOr(Schema schema, Supplier<? extends DatumReader<T>> otherwise) {
        return SpecificRecordCodec.<T>compile(schema).<DatumReader<T>>map(codec -> codec).orElseGet(otherwise);
    }

    /** The compiled codec of record {@code schema} as a writer, or {@code otherwise} where it does not compile. */
    public static <T> DatumWriter<T> writerOr(Schema schema, Supplier<? extends DatumWriter<T>> otherwise) {
        return SpecificRecordCodec.<T>compile(schema).<DatumWriter<T>>map(codec -> codec).orElseGet(otherwise);
    }

    /** A new record every time: {@code reuse} is ignored, as none of the serdes passes one. */
    @Override
    @SuppressWarnings("unchecked")
    public T read(T reuse, Decoder in) throws IOException {
        return (T) record.read(in);
    }

    @Override
    public void write(T datum, Encoder out) throws IOException {
        record.write(datum, out);
    }

    /** Only the schema it was compiled for: any other writer schema needs Avro's resolving reader. */
    @Override
    public void setSchema(Schema schema) {
        if (!this.schema.equals(schema)) {
            throw new IllegalArgumentException("Compiled for " + this.schema.getFullName() + " as is, not for another schema");
        }
    }
}

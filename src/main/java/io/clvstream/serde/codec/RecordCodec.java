package io.clvstream.serde.codec;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/** A record as its generated class, made with its no-arg constructor, fields read and written in schema order. */
final class RecordCodec extends ValueCodec {

    private final Supplier<?> constructor;
    private final FieldCodec[] fields;

    RecordCodec(Class<?> type, Supplier<?> constructor, FieldCodec[] fields) {
        super(type);
        this.constructor = constructor;
        this.fields = fields;
    }

    @Override
    Object read(Decoder in) throws IOException {
        final Object record = constructor.get();
        for (final FieldCodec field : fields) {
            field.read(record, in);
        }
        return record;
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        for (final FieldCodec field : fields) {
            try {
                field.write(value, out);
            } catch (NullPointerException | ClassCastException | UnresolvedUnionException e) {
                throw new AvroRuntimeException("Cannot write field " + field.name() + " of " + javaType().getSimpleName()
                    + ": " + e.getMessage(), e);
            } catch (AvroTypeException e) {
                // Avro's type kept (a decimal it cannot rescale, say), named as Avro's writer names a union's field.
                throw new AvroTypeException(e.getMessage() + " at " + javaType().getSimpleName() + "." + field.name(), e);
            }
        }
    }
}

package io.clvstream.serde.codec;

import java.io.IOException;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * A field through the record's {@code put(int, Object)} and {@code get(int)}, as Avro's specific reader and
 * writer access it; {@code put} also turns a string into the field's Java type.
 */
final class IndexedField extends FieldCodec {

    private final int pos;
    private final ValueCodec value;

    IndexedField(String name, int pos, ValueCodec value) {
        super(name);
        this.pos = pos;
        this.value = value;
    }

    @Override
    void read(Object record, Decoder in) throws IOException {
        ((IndexedRecord) record).put(pos, value.read(in));
    }

    @Override
    void write(Object record, Encoder out) throws IOException {
        value.write(((IndexedRecord) record).get(pos), out);
    }
}

package io.clvstream.serde.codec;

import java.io.IOException;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * An {@code int} or {@code long} field through the generated setter and getter: boxing through {@code put} and
 * {@code get} was over a fifth of a state decode. Both are written as a long: an int's zig-zag varint is the
 * same bytes as that of the same long. Read as what they are, so a corrupt int fails as Avro's reader fails.
 */
final class PrimitiveField extends FieldCodec {

    private final ObjIntConsumer<Object> intSetter;
    private final ObjLongConsumer<Object> longSetter;
    private final ToLongFunction<Object> getter;

    /** One of the two setters, the other null. */
    PrimitiveField(String name, ObjIntConsumer<Object> intSetter, ObjLongConsumer<Object> longSetter, ToLongFunction<Object> getter) {
        super(name);
        this.intSetter = intSetter;
        this.longSetter = longSetter;
        this.getter = getter;
    }

    @Override
    void read(Object record, Decoder in) throws IOException {
        if (intSetter != null) {
            intSetter.accept(record, in.readInt());
        } else {
            longSetter.accept(record, in.readLong());
        }
    }

    @Override
    void write(Object record, Encoder out) throws IOException {
        out.writeLong(getter.applyAsLong(record));
    }
}

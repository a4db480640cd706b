package io.clvstream.serde.codec;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/** A fixed as its generated class, whose no-arg constructor allocates the bytes the value is read into. */
final class FixedCodec extends ValueCodec {

    private final Supplier<?> constructor;
    private final int size;

    FixedCodec(Class<?> type, Supplier<?> constructor, int size) {
        super(type);
        this.constructor = constructor;
        this.size = size;
    }

    @Override
    Object read(Decoder in) throws IOException {
        final GenericFixed fixed = (GenericFixed) constructor.get();
        in.readFixed(fixed.bytes(), 0, size);
        return fixed;
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        out.writeFixed(((GenericFixed) value).bytes(), 0, size);
    }
}

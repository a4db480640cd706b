package io.clvstream.serde.codec;

import java.io.IOException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/** An enum as its generated Java enum, written by ordinal as Avro's specific writer does. */
final class EnumCodec extends ValueCodec {

    private final Enum<?>[] bySymbolIndex;

    EnumCodec(Class<?> type, Enum<?>[] bySymbolIndex) {
        super(type);
        this.bySymbolIndex = bySymbolIndex;
    }

    @Override
    Object read(Decoder in) throws IOException {
        final int index = in.readEnum();
        if (index < 0 || index >= bySymbolIndex.length) {
            throw new AvroTypeException("Enum index " + index + " out of range for " + javaType().getSimpleName());
        }
        return bySymbolIndex[index];
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        out.writeEnum(((Enum<?>) value).ordinal());
    }
}

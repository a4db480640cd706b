package io.clvstream.serde.codec;

import java.io.IOException;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * An array as a {@link GenericData.Array}, the list Avro's generated decoders build (Avro's specific reader
 * builds primitive-backed lists instead, which box on every get; both are equal to any list of the same elements).
 */
final class ArrayCodec extends ValueCodec {

    /** A corrupt block count must not allocate before the bytes run out; longer arrays grow as they are read. */
    private static final int MAX_PRESIZE = 1024;

    private final Schema schema;
    private final ValueCodec element;

    ArrayCodec(Schema schema, ValueCodec element) {
        super(Collection.class);
        this.schema = schema;
        this.element = element;
    }

    @Override
    Object read(Decoder in) throws IOException {
        long block = in.readArrayStart();
        final GenericData.Array<Object> array = new GenericData.Array<>((int) Math.min(block, MAX_PRESIZE), schema);
        while (block > 0) {
            for (long i = 0; i < block; i++) {
                array.add(element.read(in));
            }
            block = in.arrayNext();
        }
        return array;
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        final Collection<?> elements = (Collection<?>) value;
        out.writeArrayStart();
        out.setItemCount(elements.size());
        for (final Object e : elements) {
            out.startItem();
            element.write(e, out);
        }
        out.writeArrayEnd();
    }
}

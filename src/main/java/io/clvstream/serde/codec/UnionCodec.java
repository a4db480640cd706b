package io.clvstream.serde.codec;

import java.io.IOException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * A union, written under the first branch whose Java class the value is an instance of. The compiler only builds
 * unions whose branch classes are unrelated, so that branch is the one Avro's {@code resolveUnion} picks.
 */
final class UnionCodec extends ValueCodec {

    private final Schema schema;
    private final ValueCodec[] branches;

    /** Its own Java type is {@code Object}, values of any branch; nothing picks by it, as Avro does not nest unions. */
    UnionCodec(Schema schema, ValueCodec[] branches) {
        super(Object.class);
        this.schema = schema;
        this.branches = branches;
    }

    @Override
    Object read(Decoder in) throws IOException {
        final int index = in.readIndex();
        if (index < 0 || index >= branches.length) {
            throw new AvroTypeException("Union index " + index + " out of range for a union of " + branches.length);
        }
        return branches[index].read(in);
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        final int index = branchOf(value);
        out.writeIndex(index);
        branches[index].write(value, out);
    }

    private int branchOf(Object value) {
        for (int i = 0; i < branches.length; i++) {
            final Class<?> type = branches[i].javaType();
            if (value == null ? type == Void.class : type.isInstance(value)) {
                return i;
            }
        }
        throw new UnresolvedUnionException(schema, value);
    }
}

package io.clvstream.serde.codec;

import java.io.IOException;
import java.time.Instant;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * A {@code timestamp-millis} where the conversion is Avro's own {@code TimestampMillisConversion}: the same
 * {@link Instant} and epoch millis, without boxing the long or Avro's per-value dispatch on the schema type.
 */
final class TimestampMillisCodec extends ValueCodec {

    TimestampMillisCodec() {
        super(Instant.class);
    }

    @Override
    Object read(Decoder in) throws IOException {
        return Instant.ofEpochMilli(in.readLong());
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        out.writeLong(((Instant) value).toEpochMilli());
    }
}

package io.clvstream.serde.codec;

import java.io.IOException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * A logical type through the {@link Conversion} Avro's specific reader and writer would look up for it (so a
 * decimal's scale and precision are checked as Avro checks them), found once instead of per value. Avro's own
 * decimal and timestamp-millis conversions have direct codecs ({@link DecimalCodec}, {@link TimestampMillisCodec});
 * this is the route of any other.
 */
final class LogicalCodec extends ValueCodec {

    private final ValueCodec raw;
    private final Schema schema;
    private final LogicalType logicalType;
    private final Conversion<?> conversion;

    LogicalCodec(ValueCodec raw, Schema schema, Conversion<?> conversion) {
        super(conversion.getConvertedType());
        this.raw = raw;
        this.schema = schema;
        this.logicalType = schema.getLogicalType();
        this.conversion = conversion;
    }

    @Override
    Object read(Decoder in) throws IOException {
        return toLogical(raw.read(in));
    }

    /** A raw value already read, as Avro converts it. */
    Object toLogical(Object rawValue) {
        return Conversions.convertToLogicalType(rawValue, schema, logicalType, conversion);
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        raw.write(Conversions.convertToRawType(value, schema, logicalType, conversion), out);
    }
}

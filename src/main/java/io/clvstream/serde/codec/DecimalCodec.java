package io.clvstream.serde.codec;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * A {@code decimal} on {@code bytes} where the conversion is Avro's own {@link Conversions.DecimalConversion}, whose
 * bytes it writes and reads without it: per value written Avro validates, then builds a {@code BigInteger}, its byte
 * array and a {@code ByteBuffer} (the hottest frame of writing a CustomerValue); per value read it copies the bytes
 * into another array and a {@code BigInteger}. Only a value at the schema's scale and within its precision is
 * written as it is by Avro; any other (another scale, too many digits) goes through Avro's conversion, which
 * rescales it or throws its {@code AvroTypeException}, so those bytes and errors stay Avro's own.
 */
final class DecimalCodec extends ValueCodec {

    /** Up to 18 digits an unscaled value fits a long (10^18 - 1 &lt; 2^63), which is written without a BigInteger. */
    private static final int LONG_DIGITS = 18;
    /** The unscaled value's bytes: one array per thread, as the stream threads share a serializer's codec. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[Long.BYTES]);

    private final int scale;
    private final int precision;
    private final LogicalCodec avro;

    DecimalCodec(LogicalTypes.Decimal decimal, LogicalCodec avro) {
        super(BigDecimal.class);
        this.scale = decimal.getScale();
        this.precision = decimal.getPrecision();
        this.avro = avro;
    }

    /** Up to eight bytes as a long, sign first; none (Avro's error) or more through Avro's conversion. */
    @Override
    Object read(Decoder in) throws IOException {
        final ByteBuffer bytes = in.readBytes(null);
        final int length = bytes.remaining();
        if (length == 0 || length > Long.BYTES) {
            return avro.toLogical(bytes);
        }
        final int start = bytes.position();
        long unscaled = bytes.get(start);
        for (int i = 1; i < length; i++) {
            unscaled = unscaled << Byte.SIZE | (bytes.get(start + i) & 0xFF);
        }
        return BigDecimal.valueOf(unscaled, scale);
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        final BigDecimal decimal = (BigDecimal) value;
        if (decimal.scale() != scale || decimal.precision() > precision) {
            avro.write(decimal, out);
        } else if (decimal.precision() <= LONG_DIGITS) {
            // The unscaled value through a scale-0 BigDecimal: unscaledValue() would build a BigInteger.
            writeUnscaled(decimal.movePointRight(scale).longValueExact(), out);
        } else {
            out.writeBytes(decimal.unscaledValue().toByteArray());
        }
    }

    /** What {@code BigInteger.toByteArray()} gives: big-endian two's complement, the fewest bytes that keep the sign. */
    private static void writeUnscaled(long unscaled, Encoder out) throws IOException {
        final int bitLength = Long.SIZE - Long.numberOfLeadingZeros(unscaled < 0 ? ~unscaled : unscaled);
        final int length = bitLength / Byte.SIZE + 1;
        final byte[] bytes = SCRATCH.get();
        long rest = unscaled;
        for (int i = length - 1; i >= 0; i--) {
            bytes[i] = (byte) rest;
            rest >>= Byte.SIZE;
        }
        out.writeBytes(bytes, 0, length);
    }
}

package io.clvstream.serde.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/**
 * A value of one of Avro's primitive types, read into and written from the Java class Avro's specific reader and
 * writer use. Numbers are written from any {@link Number}, as Avro's writer does.
 */
final class PrimitiveCodec extends ValueCodec {

    enum Kind {
        NULL(Void.class),
        BOOLEAN(Boolean.class),
        INT(Integer.class),
        LONG(Long.class),
        FLOAT(Float.class),
        DOUBLE(Double.class),
        /** A string schema marked {@code "avro.java.string": "String"}, as the avro-maven-plugin's stringType writes. */
        STRING(CharSequence.class),
        /** Any other string schema: Avro reads those as {@link org.apache.avro.util.Utf8}. */
        UTF8(CharSequence.class),
        BYTES(ByteBuffer.class);

        private final Class<?> javaType;

        Kind(Class<?> javaType) {
            this.javaType = javaType;
        }
    }

    private final Kind kind;

    PrimitiveCodec(Kind kind) {
        super(kind.javaType);
        this.kind = kind;
    }

    @Override
    Object read(Decoder in) throws IOException {
        return switch (kind) {
            case NULL -> {
                in.readNull();
                yield null;
            }
            case BOOLEAN -> in.readBoolean();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case STRING -> in.readString();
            case UTF8 -> in.readString(null);
            case BYTES -> in.readBytes(null);
        };
    }

    @Override
    void write(Object value, Encoder out) throws IOException {
        switch (kind) {
            case NULL -> out.writeNull();
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case INT -> out.writeInt(((Number) value).intValue());
            case LONG -> out.writeLong(((Number) value).longValue());
            case FLOAT -> out.writeFloat(((Number) value).floatValue());
            case DOUBLE -> out.writeDouble(((Number) value).doubleValue());
            case STRING, UTF8 -> out.writeString((CharSequence) value);
            case BYTES -> writeBytes((ByteBuffer) value, out);
        }
    }

    /**
     * A buffer with an array straight from it: Avro's {@code writeBytes(ByteBuffer)} copies every buffer through a
     * read-only view and a new array (decimals are most of a CustomerValue). Same bytes.
     */
    private static void writeBytes(ByteBuffer bytes, Encoder out) throws IOException {
        if (bytes.hasArray()) {
            out.writeBytes(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        } else {
            out.writeBytes(bytes);
        }
    }
}

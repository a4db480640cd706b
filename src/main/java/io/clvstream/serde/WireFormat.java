package io.clvstream.serde;

import java.nio.ByteBuffer;

/**
 * Confluent Schema Registry wire format: byte 0 = magic 0x00, bytes 1-4 = schema id (big-endian
 * int32), then the Avro binary body.
 */
public final class WireFormat {
    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The five bytes that precede a body written with schema {@code schemaId}. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** The framed bytes for {@code body} written with schema {@code schemaId}. */
    public static byte[] frame(int schemaId, byte[] body) {
        return ByteBuffer.allocate(HEADER_SIZE + body.length).put(header(schemaId)).put(body).array();
    }

    /** The schema id of framed bytes; rejects a missing or wrong magic byte and a short header. */
    public static int schemaId(byte[] framed) {
        if (framed == null || framed.length == 0) {
            throw new WireFormatException(WireFormatException.Reason.EMPTY, "Record has no bytes (expected magic byte 0x00 and a schema id)");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new WireFormatException(WireFormatException.Reason.BAD_MAGIC_BYTE,
                String.format("Unknown magic byte 0x%02x (expected 0x00: not Confluent Schema Registry wire format)", framed[0]));
        }
        if (framed.length < HEADER_SIZE) {
            throw new WireFormatException(WireFormatException.Reason.TRUNCATED,
                "Record is " + framed.length + " bytes, shorter than the 5-byte header");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}

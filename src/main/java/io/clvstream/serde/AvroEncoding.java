package io.clvstream.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro's binary encoding of one datum after a fixed header (the wire-format magic byte and schema id,
 * or the internal format byte), through a buffer and encoder kept per thread. Every event writes a
 * CustomerValue and a CustomerState; a fresh stream per record grew, copied and framed each of them
 * again (three copies), this writes once into a warm buffer and copies out once.
 */
final class AvroEncoding {

    private static final ThreadLocal<AvroEncoding> PER_THREAD = ThreadLocal.withInitial(AvroEncoding::new);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;

    private AvroEncoding() {
    }

    /** {@code header} followed by {@code datum} written by {@code writer}. */
    static <D> byte[] encode(byte[] header, DatumWriter<D> writer, D datum) throws IOException {
        return PER_THREAD.get().write(header, writer, datum);
    }

    private <D> byte[] write(byte[] header, DatumWriter<D> writer, D datum) throws IOException {
        out.reset();
        out.write(header, 0, header.length);
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        try {
            writer.write(datum, encoder);
        } finally {
            // A failed write leaves bytes in the encoder's buffer; flushing puts them where reset() drops them.
            encoder.flush();
        }
        return out.toByteArray();
    }
}

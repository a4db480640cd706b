package io.clvstream.serde.codec;

import java.io.IOException;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;

/** Reads one field of a record into the record and writes it from there (a class for the reason {@link ValueCodec} is). */
abstract class FieldCodec {

    private final String name;

    FieldCodec(String name) {
        this.name = name;
    }

    final String name() {
        return name;
    }

    abstract void read(Object record, Decoder in) throws IOException;

    abstract void write(Object record, Encoder out) throws IOException;
}

package io.clvstream.serde.codec;

import org.apache.avro.Schema;

/** The enum of {@link AllTypes}, as Avro would generate it. */
public enum Colour {
    RED, GREEN, BLUE;

    public static final Schema SCHEMA$ = new Schema.Parser().parse(
        "{\"type\": \"enum\", \"name\": \"Colour\", \"namespace\": \"io.clvstream.serde.codec\", \"symbols\": [\"RED\", \"GREEN\", \"BLUE\"]}");
}

package io.clvstream.serde.codec;

import io.clvstream.avro.EventRef;
import org.apache.avro.Schema;

/**
 * A specific record, written by hand, with what the project's schemas do not have: a {@code null} and a
 * {@code float} field, a string without {@code avro.java.string} (read as {@code Utf8}), primitive fields
 * without generated accessors, and a union of every kind of branch.
 */
public class AllTypes extends FieldArrayRecord {

    public static final Schema SCHEMA$ = parse();

    private static Schema parse() {
        final Schema.Parser parser = new Schema.Parser();
        parser.parse(EventRef.getClassSchema().toString());
        parser.parse(Colour.SCHEMA$.toString());
        return parser.parse("""
            {"type": "record", "name": "AllTypes", "namespace": "io.clvstream.serde.codec", "fields": [
              {"name": "nothing", "type": "null"},
              {"name": "ratio", "type": "float"},
              {"name": "label", "type": "string"},
              {"name": "count", "type": "int"},
              {"name": "total", "type": "long"},
              {"name": "colour", "type": "Colour"},
              {"name": "ratios", "type": {"type": "array", "items": "float"}},
              {"name": "anything", "type": ["null", "int", "long", "float", "double", "boolean", "string", "bytes",
                "Colour", {"type": "array", "items": "string"}, "io.clvstream.avro.EventRef"]}]}""");
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }
}
